/**
 * A simulator of the council's case system with the real contract ({@code POST /events} with
 * Idempotency-Key and signature; 201 new, 409 already held, 401 bad signature), for the demo and tests.
 * Mounted at {@code /sim/case-system} only when {@code hub.case-system.simulator.enabled}.
 */
package org.mashhub.hub.casesystem;
