/**
 * The MASH Hub application. Packages are features: {@code ingest} (partner edges), {@code pipeline}
 * (accept durably), {@code identity}, {@code audit}, {@code broker}, {@code delivery} (to the case system),
 * {@code partner} and {@code security} (who may do what), {@code casesystem} (the simulator) and
 * {@code demo}. Partner formats are parsed and mapped by the adapters module; routes only orchestrate.
 */
package org.mashhub.hub;
