/**
 * A simulator of the council's case system with the real contract ({@code POST /events}, Standard Webhooks signature
 * and timestamp checked; 201 new, 409 already held, 401 bad or stale signature), for the demo and tests, and what
 * {@code bench/case-system-check.sh} is checked against. Mounted at {@code /sim/case-system} only when
 * {@code hub.case-system.simulator.enabled}.
 */
package org.mashhub.hub.casesystem;
