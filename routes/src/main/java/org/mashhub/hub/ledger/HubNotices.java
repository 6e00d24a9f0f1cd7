package org.mashhub.hub.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mashhub.adapters.ConsentStatement;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.schemas.events.Agency;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ConsentWithdrawnData;
import org.mashhub.schemas.events.EventSource;
import org.mashhub.schemas.events.HubNoticeEvent;
import org.mashhub.schemas.events.NoticeType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the case system must hear about the hub's own records (children linked or separated, consent withdrawn, content
 * purged): {@link HubNoticeEvent}s from the hub itself ({@value PartnerRegistry#HUB_ITSELF}), in the ledger with their
 * outbox rows in the transaction of the change they tell of, so the case system hears of a change if and only if it
 * committed. They carry hub ids only, take their place in the child's sequence, and are delivered like any event.
 */
@Component
public class HubNotices {

    /** One notice: the child it is about, what happened, and its data (one of the notice {@code *Data} records). */
    public record Notice(String hubChildId, NoticeType type, Object data) {

        /** A withdrawal of consent, as a partner's message or a manager stated it. */
        public static Notice consentWithdrawn(ConsentStatement withdrawal, String partnerId, String recordedBy) {
            return new Notice(withdrawal.child().hubChildId(), NoticeType.CONSENT_WITHDRAWN,
                    new ConsentWithdrawnData(partnerId, withdrawal.category(), withdrawal.from(), recordedBy, withdrawal.recordedAt()));
        }
    }

    private final MadeEvents madeEvents;
    private final Clock clock;
    private final boolean enabled;

    HubNotices(MadeEvents madeEvents, Clock clock, @Value("${hub.case-system.notices:true}") boolean enabled) {
        this.enabled = enabled;
        this.madeEvents = madeEvents;
        this.clock = clock;
    }

    /**
     * Records the notices as one message of the hub's, for the case system; their event ids. Only inside the transaction
     * of the change: it takes the children's next sequence numbers, so a caller that also accepts a partner's message
     * calls this after that acceptance (children's rows are then locked in one order). Nothing, when notices are off
     * ({@code hub.case-system.notices}) for a case system that does not take them yet.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public List<String> publish(String actor, List<Notice> notices) {
        if (notices.isEmpty() || !enabled) {
            return List.of();
        }
        Instant now = clock.instant();
        String hubMessageId = UUID.randomUUID().toString();
        String correlationId = "hub-notice-" + hubMessageId;
        EventSource source = new EventSource(Agency.SOCIAL_CARE, PartnerRegistry.HUB_ITSELF, hubMessageId, hubMessageId, null);
        List<CanonicalEvent> events = new ArrayList<>(notices.size());
        for (Notice notice : notices) {
            events.add(HubNoticeEvent.of(UUID.randomUUID().toString(), correlationId, now, source, notice.hubChildId(), notice.type(),
                    notice.data()));
        }
        madeEvents.record(actor, PartnerRegistry.HUB_ITSELF, hubMessageId, hubMessageId, correlationId, now, events);
        return events.stream().map(CanonicalEvent::eventId).toList();
    }
}
