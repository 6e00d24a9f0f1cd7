/**
 * The tamper-evident audit: an append-only table in which each entry carries the SHA-256 of the one
 * before it. {@link org.mashhub.hub.audit.AuditTrail} appends (within the caller's transaction, so an entry
 * exists exactly when what it records committed), unchained; {@link org.mashhub.hub.audit.AuditChainer} links
 * committed entries into the chain in batches, moments later (readers ask it to catch up first); {@link org.mashhub.hub.audit.AuditChainVerifier} walks
 * the chain and names the first entry that does not fit. Entries carry ids, never personal data.
 */
package org.mashhub.hub.audit;
