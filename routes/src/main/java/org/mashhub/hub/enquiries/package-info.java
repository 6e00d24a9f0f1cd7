/**
 * Partner checks: the MASH asks partners what they know about a child, against a clock set by the RAG rating. Each
 * partner's request goes out as an {@code INFORMATION_REQUEST} notification through the partner's outbound channel;
 * the partner answers in its own terms ("nothing known" is an answer) over REST, FHIR or SOAP (the edges hand answers on
 * through {@link org.mashhub.hub.ingest.PartnerAnswers}), and each answer becomes a {@code PartnerAnswerEvent} in the
 * ledger, on its way to the case system through the sharing policy. Uses the ledger, the sharing agreements (what may go
 * to the partner, how long answers are kept) and identity (which child); below the MASH's pages and triage.
 */
package org.mashhub.hub.enquiries;
