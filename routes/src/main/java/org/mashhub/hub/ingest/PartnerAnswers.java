package org.mashhub.hub.ingest;

import java.time.Instant;
import org.mashhub.hub.partner.Partner;

/**
 * A partner answering the MASH's request for information, whatever edge it came in by (REST, a FHIR message, a SOAP
 * operation). Implemented by the partner checks above the edges, so that the FHIR and SOAP edges hand answers on without
 * depending on them. Refusals are {@link org.mashhub.hub.edge.RequestRefusals}' exceptions: not found (another partner's
 * request, audited), problems (every one listed), conflict (answered already, otherwise).
 */
public interface PartnerAnswers {

    /** What a partner said: nothing known, or a summary (and detail) of what it holds. */
    record Said(Boolean nothingKnown, String summary, String detail) {
    }

    /** The answer as taken: the request, when it was answered, and whether that was after its due time. */
    record Taken(String requestId, Instant answeredAt, boolean late) {
    }

    /** Takes the partner's answer to its own request, durably; the same answer again is taken as before. */
    Taken answer(Partner partner, String requestId, Said said);
}
