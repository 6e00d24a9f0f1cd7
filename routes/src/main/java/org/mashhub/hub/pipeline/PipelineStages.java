package org.mashhub.hub.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.mashhub.adapters.ConsentStatement;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.consent.ConsentRegistry;
import org.mashhub.hub.identity.ChildIndex;
import org.mashhub.hub.ledger.EventLedger;
import org.mashhub.hub.ledger.HubNotices;
import org.mashhub.hub.ledger.InboundMessages;
import org.mashhub.hub.ledger.PartnerSubmission;
import org.mashhub.hub.ledger.Receipt;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.CanonicalEvent;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.ConsentState;
import org.mashhub.schemas.events.DataCategory;
import org.springframework.stereotype.Component;

/** The stages of {@link AcceptancePipelineRoute}, one method each, in the order the route calls them. */
@Component
public class PipelineStages {

    static final String RESUBMISSION = "mashResubmission";
    /** Exchange property: what the child index decided for each child of the message, for the audit. */
    static final String RESOLUTIONS = "mashChildResolutions";
    /** Exchange property: the consent statements of the message that withdrew consent, for the case system to hear. */
    static final String WITHDRAWALS = "mashConsentWithdrawals";

    private final InboundMessages inboundMessages;
    private final ChildIndex childIndex;
    private final EventLedger ledger;
    private final ConsentRegistry consentRegistry;
    private final HubNotices notices;

    public PipelineStages(InboundMessages inboundMessages, ChildIndex childIndex, EventLedger ledger,
                          ConsentRegistry consentRegistry, HubNotices notices) {
        this.notices = notices;
        this.inboundMessages = inboundMessages;
        this.childIndex = childIndex;
        this.ledger = ledger;
        this.consentRegistry = consentRegistry;
    }

    /** A message accepted before gets its first receipt back and goes no further. */
    void findEarlierReceipt(Exchange exchange) {
        PartnerSubmission s = exchange.getMessage().getBody(PartnerSubmission.class);
        Optional<Receipt> earlier = inboundMessages.earlierReceipt(s.partnerId(), s.partnerMessageId(), s.contentSha256());
        if (earlier.isPresent()) {
            exchange.setProperty(RESUBMISSION, true);
            // Notes are not stored: they were worked out again from the resent message, and are the same.
            exchange.getMessage().setBody(earlier.get().withNotes(s.notes()));
        }
    }

    /** Claims the message id; should a concurrent copy have claimed it first, the unique key says so. */
    void claimMessageId(Exchange exchange) {
        inboundMessages.claim(exchange.getMessage().getBody(PartnerSubmission.class));
    }

    /**
     * Links every child the message names to a hub child (the same description once per message), and
     * groups the children a message names together as a household.
     */
    void identifyChildren(Exchange exchange) {
        PartnerSubmission s = exchange.getMessage().getBody(PartnerSubmission.class);
        Map<ChildSubject, ChildIndex.Resolution> resolved = new LinkedHashMap<>();
        List<CanonicalEvent> linked = new ArrayList<>(s.events().size());
        for (CanonicalEvent event : s.events()) {
            linked.add(event.withChild(event.child().withHubChildId(resolve(event.child(), s, resolved))));
        }
        List<ConsentStatement> linkedConsents = new ArrayList<>(s.consents().size());
        for (ConsentStatement consent : s.consents()) {
            linkedConsents.add(consent.withChild(consent.child().withHubChildId(resolve(consent.child(), s, resolved))));
        }
        childIndex.group(resolved.values().stream().map(ChildIndex.Resolution::hubChildId).toList(), s.hubMessageId());
        exchange.setProperty(RESOLUTIONS, List.copyOf(resolved.values()));
        exchange.getMessage().setBody(s.withLinked(linked, linkedConsents));
    }

    private String resolve(ChildSubject child, PartnerSubmission s, Map<ChildSubject, ChildIndex.Resolution> resolved) {
        if (org.mashhub.hub.partner.PartnerRegistry.HUB_ITSELF.equals(s.partnerId()) && child.hubChildId() != null) {
            return child.hubChildId(); // the hub's own record names its child already; partners never do
        }
        return resolved.computeIfAbsent(child, c -> childIndex.resolve(c, s.partnerId(), s.hubMessageId())).hubChildId();
    }

    /** Every event is checked against its schema before it may be recorded. */
    void validateEvents(Exchange exchange) {
        PartnerSubmission s = exchange.getMessage().getBody(PartnerSubmission.class);
        for (CanonicalEvent event : s.events()) {
            JsonNode json = CanonicalJson.mapper().valueToTree(event);
            List<Problem> problems = event.contract().validate(json);
            if (!problems.isEmpty()) {
                throw new CanonicalEventInvalidException(event.eventId(), problems);
            }
        }
    }

    /**
     * The acceptance's audit entries, and the events in the ledger with their outbox rows (its entries with them); then,
     * for each withdrawal of consent the message stated, a notice to the case system (after the message's own events,
     * whose acceptance locks the children's rows first).
     */
    void recordInLedger(Exchange exchange) {
        PartnerSubmission s = exchange.getMessage().getBody(PartnerSubmission.class);
        List<AuditRecord> records = new ArrayList<>();
        records.add(AuditRecord.of(AuditAction.RECEIVED).actor("partner:" + s.partnerId())
                .correlationId(s.correlationId()).partnerId(s.partnerId()).hubMessageId(s.hubMessageId())
                .detail("events=" + s.events().size()));
        @SuppressWarnings("unchecked")
        List<ChildIndex.Resolution> resolutions = exchange.getProperty(RESOLUTIONS, List.of(), List.class);
        for (ChildIndex.Resolution r : resolutions) {
            records.add(AuditRecord.of(AuditAction.MATCHED).actor("hub")
                    .correlationId(s.correlationId()).partnerId(s.partnerId()).hubMessageId(s.hubMessageId())
                    .hubChildId(r.hubChildId())
                    .detail("outcome=" + r.outcome() + " via=" + r.via()
                            + (r.score() == null ? "" : " score=" + String.format(java.util.Locale.ROOT, "%.1f", r.score()))
                            + (r.reviewId() == null ? "" : " review=" + r.reviewId())));
        }
        for (ConsentStatement consent : s.consents()) {
            records.add(AuditRecord.of(AuditAction.CONSENT_RECORDED).actor("partner:" + s.partnerId())
                    .correlationId(s.correlationId()).partnerId(s.partnerId()).hubMessageId(s.hubMessageId())
                    .hubChildId(consent.child().hubChildId())
                    .detail("category=" + consent.category() + " state=" + consent.state()));
        }
        ledger.accept(s, records);
        @SuppressWarnings("unchecked")
        List<ConsentStatement> withdrawals = exchange.getProperty(WITHDRAWALS, List.of(), List.class);
        notices.publish("partner:" + s.partnerId(), withdrawals.stream()
                .map(c -> HubNotices.Notice.consentWithdrawn(c, s.partnerId(), "partner:" + s.partnerId())).toList());
    }

    /**
     * Consent statements are kept with the message that made them, in the same transaction: those the message
     * carries (a FHIR Consent), and what an event says of the family's consent (police, schools and housing
     * messages have their own consent field), for each of its data categories.
     */
    void recordConsents(Exchange exchange) {
        PartnerSubmission s = exchange.getMessage().getBody(PartnerSubmission.class);
        List<ConsentStatement> statements = new ArrayList<>(s.consents());
        for (CanonicalEvent event : s.events()) {
            ConsentState stated = event.sharing() == null ? null : event.sharing().consent();
            if (stated == null || stated == ConsentState.UNKNOWN) {
                continue;
            }
            LocalDate day = LocalDate.ofInstant(event.occurredAt(), java.time.ZoneId.of("Europe/London"));
            for (DataCategory category : event.dataCategories()) {
                ConsentStatement statement = new ConsentStatement(event.child(), category.code(), stated, day, null, s.receivedAt());
                if (statements.stream().noneMatch(c -> c.child().hubChildId().equals(event.child().hubChildId())
                        && c.category().equals(category.code()))) {
                    statements.add(statement);
                }
            }
        }
        List<ConsentStatement> withdrawals = new ArrayList<>();
        for (ConsentStatement consent : statements) {
            if (consentRegistry.record(consent, s.partnerId(), s.hubMessageId())) {
                withdrawals.add(consent);
            }
        }
        exchange.setProperty(WITHDRAWALS, withdrawals);
        exchange.getMessage().setBody(s.withLinked(s.events(), statements));
    }
}
