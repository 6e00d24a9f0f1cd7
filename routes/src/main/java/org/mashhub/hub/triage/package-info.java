/**
 * The MASH's work on referrals: the inbox (one row per incident per household, copies folded, most pressing first),
 * each referral's decision clock (RED in clock hours, day or night), allocation, and the decision with its outcome,
 * rationale, a manager's sign-off where the council asks for it, and an undo window. The pages are in {@code view};
 * the API is {@code /api/v1/referrals}.
 */
package org.mashhub.hub.triage;
