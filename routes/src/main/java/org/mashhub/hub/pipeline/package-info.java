/**
 * Accepting a partner message durably, the same way for every partner: claim its id (a resubmission
 * gets the first receipt back), link each event to a child, validate every event against its schema,
 * audit, publish to the broker, and only then commit and acknowledge. {@link org.mashhub.hub.pipeline.AcceptancePipelineRoute}
 * reads top to bottom in that order; {@link org.mashhub.hub.pipeline.AcceptanceBatches} commits the messages that
 * arrive together in one transaction (group commit), each under a savepoint of its own.
 */
package org.mashhub.hub.pipeline;
