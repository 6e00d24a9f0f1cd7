/**
 * The partner-facing edges and what they share: bounded reading of request bodies, the gateway into
 * the Camel routes ({@link org.mashhub.hub.ingest.PartnerIngest}), the one error policy for partner
 * routes ({@link org.mashhub.hub.ingest.PartnerIngestErrorPolicy}) and the answers partners get
 * ({@link org.mashhub.hub.ingest.PartnerProblems}: RFC 9457 problem details listing every problem).
 * One sub-package per partner kind holds its endpoint and route.
 */
package org.mashhub.hub.ingest;
