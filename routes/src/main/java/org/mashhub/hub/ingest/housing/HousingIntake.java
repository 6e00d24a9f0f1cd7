package org.mashhub.hub.ingest.housing;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.housing.HousingNotification;
import org.mashhub.adapters.housing.HousingNotificationAdapter;
import org.mashhub.hub.ingest.PartnerMismatchException;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.ledger.MessageFingerprint;
import org.mashhub.hub.ledger.PartnerSubmission;
import org.mashhub.schemas.events.EventIds;
import org.springframework.stereotype.Component;

/** Partner bytes to a {@link PartnerSubmission}: parse, check the sender is the authenticated partner, map. */
@Component
class HousingIntake implements Processor {

    private final HousingNotificationAdapter adapter;
    private final Clock clock;

    HousingIntake(Clock clock) {
        this.adapter = new HousingNotificationAdapter(clock);
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String partnerId = exchange.getMessage().getHeader(HubHeaders.PARTNER_ID, String.class);
        String correlationId = exchange.getMessage().getHeader(HubHeaders.CORRELATION_ID, String.class);
        HousingNotification notification = adapter.parse(exchange.getMessage().getBody(byte[].class));
        if (!partnerId.equals(notification.claimedPartnerId())) {
            throw new PartnerMismatchException();
        }
        String hubMessageId = EventIds.hubMessageId(partnerId, notification.partnerMessageId());
        // Microseconds: what the database keeps, so a resubmission gets an identical receipt.
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Envelope envelope = new Envelope(partnerId, hubMessageId, correlationId, receivedAt);
        exchange.getMessage().setBody(new PartnerSubmission(partnerId, notification.partnerMessageId(), hubMessageId,
                MessageFingerprint.of(notification.withoutTransportFields()), correlationId, receivedAt,
                adapter.toEvents(notification, envelope), List.of(), List.of()));
    }
}
