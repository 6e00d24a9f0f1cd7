/**
 * The hub's contracts as Java: validation of any JSON document against the JSON Schemas shipped in this
 * module ({@link org.mashhub.schemas.JsonContract}), the problems it reports ({@link org.mashhub.schemas.Problem})
 * and the one JSON configuration every module shares ({@link org.mashhub.schemas.CanonicalJson}).
 * Depends on Jackson and the networknt validator only; no Spring, no Camel.
 */
package org.mashhub.schemas;
