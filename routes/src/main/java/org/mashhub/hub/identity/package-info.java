/**
 * Which child an event is about. For now {@link org.mashhub.hub.identity.ChildIndex} is a deterministic
 * placeholder that links on exact identifiers and on an exact name-and-birth-date key; the identity issue
 * replaces it with validated-identifier and probabilistic matching and a review queue.
 */
package org.mashhub.hub.identity;
