/**
 * The MASH Hub application. Packages are features; partner formats are parsed and mapped by the adapters module, and
 * routes only orchestrate. Each package depends only on packages in the layers below it (none on itself through
 * another: {@code PackageLayersTest} fails on a cycle):
 *
 * <pre>
 *  view (the MASH's pages)                demo (made-up traffic and history)
 *    |                                      |
 *  triage (inbox, decisions)   casesystem (the simulator)
 *    |                           |
 *  enquiries (partner checks)    |
 *    |                           |
 *  outbound (partners hear back) delivery (to the case system)  -- operations (metrics, queue depths)
 *    |                           |
 *  sharing (agreements, consent, withheld items)
 *    |
 *  security (who may do what)
 *    |
 *  ingest (partner edges: housing, police, health, schools)
 *    |
 *  pipeline (accept durably: the acceptance and relay routes)
 *    |
 *  identity (which child)
 *    |
 *  ledger (messages, events' and notifications' states, the outbox, the hub's notices)
 *    |
 *  audit
 *    |
 *  edge (headers, bodies, errors)   storage   broker   partner (connections, keys)   consent
 * </pre>
 *
 * A line means "may use what is below"; a package may also use any package lower down, not only the next.
 */
package org.mashhub.hub;
