package org.mashhub.hub.ingest.health;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.MappedMessage;
import org.mashhub.adapters.ProcessingNote;
import org.mashhub.adapters.health.FhirFormat;
import org.mashhub.adapters.health.HealthFhir;
import org.mashhub.adapters.health.HealthRecordAdapter;
import org.mashhub.hub.ingest.RejectionAudit;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.ledger.MessageFingerprint;
import org.mashhub.hub.ledger.PartnerSubmission;
import org.mashhub.schemas.events.EventIds;
import org.springframework.stereotype.Component;

/**
 * A record export's bytes to a {@link PartnerSubmission}. Its id is the Bundle's identifier or, when an
 * EPR sends none, the fingerprint of its content. Each refused part (an adult) is audited.
 */
@Component
class HealthRecordIntake implements Processor {

    private final HealthRecordAdapter adapter;
    private final HealthFhir fhir;
    private final RejectionAudit rejectionAudit;
    private final Clock clock;

    HealthRecordIntake(HealthRecordAdapter adapter, HealthFhir fhir, RejectionAudit rejectionAudit, Clock clock) {
        this.adapter = adapter;
        this.fhir = fhir;
        this.rejectionAudit = rejectionAudit;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String partnerId = exchange.getMessage().getHeader(HubHeaders.PARTNER_ID, String.class);
        String correlationId = exchange.getMessage().getHeader(HubHeaders.CORRELATION_ID, String.class);
        FhirFormat format = FhirFormat.valueOf(exchange.getMessage().getHeader(HubHeaders.CONTENT_FORMAT, String.class));
        HealthRecordAdapter.HealthRecord record = adapter.parse(exchange.getMessage().getBody(byte[].class), format);
        String fingerprint = MessageFingerprint.ofEncoded(fhir.context().newJsonParser().encodeResourceToString(record.bundle()));
        String partnerMessageId = record.exportId() != null && record.exportId().length() <= HealthMessageIntake.MAX_MESSAGE_ID_LENGTH
                ? record.exportId() : "sha256:" + fingerprint;
        String hubMessageId = EventIds.hubMessageId(partnerId, partnerMessageId);
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        MappedMessage mapped = adapter.toEvents(record, partnerMessageId, new Envelope(partnerId, hubMessageId, correlationId, receivedAt));
        for (ProcessingNote note : mapped.notes()) {
            if (note.severity() == ProcessingNote.Severity.WARNING && note.text().startsWith("refused:")) {
                rejectionAudit.rejected(partnerId, correlationId, 202, "not-a-child: nothing kept of " + note.location());
            }
        }
        exchange.getMessage().setBody(PartnerSubmission.of(partnerId, partnerMessageId, hubMessageId,
                fingerprint, correlationId, receivedAt, mapped));
    }
}
