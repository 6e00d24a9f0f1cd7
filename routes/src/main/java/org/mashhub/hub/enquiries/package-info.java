/**
 * Partner checks: the MASH asks partners what they know about a child, against a clock set by the RAG rating. Each
 * partner's request goes out as an {@code INFORMATION_REQUEST} notification through the partner's outbound channel;
 * the partner answers in its own terms ("nothing known" is an answer). Uses the ledger's notifications, the sharing
 * agreements (what may go to the partner) and identity (which child); below the MASH's pages.
 */
package org.mashhub.hub.enquiries;
