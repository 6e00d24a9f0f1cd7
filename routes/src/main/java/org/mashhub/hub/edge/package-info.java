/**
 * What every inbound edge (HTTP, SOAP, JMS) does before anything else: take or mint the correlation id
 * that follows a message to the case system and into every log line ({@link org.mashhub.hub.edge.CorrelationId}),
 * and drop any header that could steer Camel ({@link org.mashhub.hub.edge.CamelHeaderGuard}).
 */
package org.mashhub.hub.edge;
