/**
 * Accepting a partner message durably, the same way for every partner: claim its id (a resubmission gets the first
 * receipt back), link each event to a child, validate every event against its schema, keep consent statements, and
 * record the events in the ledger with their audit entries and outbox rows, in one database transaction whose commit
 * is the acknowledgement; a relay then moves the outbox to the broker. {@link org.mashhub.hub.pipeline.AcceptancePipelineRoute}
 * reads top to bottom in that order.
 */
package org.mashhub.hub.pipeline;
