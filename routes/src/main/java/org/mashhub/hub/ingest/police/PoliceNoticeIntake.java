package org.mashhub.hub.ingest.police;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.mashhub.adapters.Envelope;
import org.mashhub.adapters.police.PoliceNoticeAdapter;
import org.mashhub.hub.edge.HubHeaders;
import org.mashhub.hub.ledger.MessageFingerprint;
import org.mashhub.hub.ledger.PartnerSubmission;
import org.mashhub.schemas.events.EventIds;
import org.mashhub.schemas.police.Notice;
import org.springframework.stereotype.Component;

/** A PPN payload to a {@link PartnerSubmission}; its id is the NoticeId. */
@Component
class PoliceNoticeIntake implements Processor {

    private final PoliceNoticeAdapter adapter;
    private final Clock clock;

    PoliceNoticeIntake(PoliceNoticeAdapter adapter, Clock clock) {
        this.adapter = adapter;
        this.clock = clock;
    }

    @Override
    public void process(Exchange exchange) {
        String partnerId = exchange.getMessage().getHeader(HubHeaders.PARTNER_ID, String.class);
        String correlationId = exchange.getMessage().getHeader(HubHeaders.CORRELATION_ID, String.class);
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        Notice notice = adapter.parse(payload);
        String hubMessageId = EventIds.hubMessageId(partnerId, notice.getNoticeId());
        Instant receivedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Envelope envelope = new Envelope(partnerId, hubMessageId, correlationId, receivedAt);
        // The notice as parsed, without its submission time: another client's resend (other namespace prefixes,
        // 2026-11-20T23:15:00Z written +00:00, whitespace) or one stamped again is still the same notice.
        javax.xml.datatype.XMLGregorianCalendar submittedAt = notice.getSubmittedAt();
        notice.setSubmittedAt(null);
        String fingerprint = MessageFingerprint.of(notice);
        notice.setSubmittedAt(submittedAt);
        exchange.getMessage().setBody(PartnerSubmission.of(partnerId, notice.getNoticeId(), hubMessageId, fingerprint,
                correlationId, receivedAt, adapter.toEvents(notice, envelope)));
    }
}
