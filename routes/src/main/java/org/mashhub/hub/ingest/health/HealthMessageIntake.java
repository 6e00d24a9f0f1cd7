package org.mashhub.hub.ingest.health;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.InvalidMessageException;
import org.mashhub.adapters.health.FhirFormat;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.adapters.health.HealthMessageAdapter;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.ledger.MessageFingerprint;
import org.mashhub.hub.ledger.PartnerSubmission;
import org.mashhub.schemas.Problem;
import org.mashhub.schemas.events.EventIds;
import org.springframework.stereotype.Component;

/** A FHIR message's bytes to a {@link PartnerSubmission}; its id is the Bundle's identifier. */
@Component
class HealthMessageIntake implements Processor {

    static final int MAX_MESSAGE_ID_LENGTH = 128;

    private final HealthMessageAdapter adapter;
    private final HealthFhir fhir;
    private final Clock clock;

    HealthMessageIntake(HealthMessageAdapter adapter, HealthFhir fhir, Clock clock) {
        this.adapter = adapter;
        this.fhir = fhir;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String partnerId = exchange.getMessage().getHeader(HubHeaders.PARTNER_ID, String.class);
        String correlationId = exchange.getMessage().getHeader(HubHeaders.CORRELATION_ID, String.class);
        FhirFormat format = FhirFormat.valueOf(exchange.getMessage().getHeader(HubHeaders.CONTENT_FORMAT, String.class));
        HealthMessageAdapter.HealthMessage message = adapter.parse(exchange.getMessage().getBody(byte[].class), format);
        if (message.messageId().length() > MAX_MESSAGE_ID_LENGTH) {
            throw new InvalidMessageException(InvalidMessageException.Kind.INVALID, List.of(Problem.at("Bundle.identifier.value",
                    "is longer than " + MAX_MESSAGE_ID_LENGTH + " characters")));
        }
        String hubMessageId = EventIds.hubMessageId(partnerId, message.messageId());
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Envelope envelope = new Envelope(partnerId, hubMessageId, correlationId, receivedAt);
        // JSON or XML, the same message has the same fingerprint: HAPI's JSON encoding of what was parsed.
        String fingerprint = MessageFingerprint.ofEncoded(fhir.context().newJsonParser().encodeResourceToString(message.bundle()));
        exchange.getMessage().setBody(PartnerSubmission.of(partnerId, message.messageId(), hubMessageId, fingerprint,
                correlationId, receivedAt, adapter.toEvents(message, envelope)));
    }
}
