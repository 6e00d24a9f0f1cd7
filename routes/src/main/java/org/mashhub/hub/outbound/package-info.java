/**
 * Partners hear back: what the hub sends to a partner (the outcome of its referral; Operation Encompass notices to
 * schools), made only where the partner's information sharing agreement lets that kind go back to it ({@code outbound:}
 * in {@code config/sharing/}), kept and stated by the ledger ({@link org.mashhub.hub.ledger.PartnerNotifications}), and
 * read by the partner with its own key ({@code GET /api/v1/partner/notifications}, acknowledged one by one).
 */
package org.mashhub.hub.outbound;
