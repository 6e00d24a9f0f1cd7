/**
 * The MASH view at {@code /mash}: server-rendered pages for staff (GOV.UK Frontend, Thymeleaf) — the inbox of
 * new referrals against the council's timescales, child search through the identity index, a child's page
 * with every agency's information as the sharing policy allows it (every view audited), the queues people
 * work (possible matches, withheld items, parked deliveries) and the dashboard scrutiny asks for.
 */
package org.mashhub.hub.view;
