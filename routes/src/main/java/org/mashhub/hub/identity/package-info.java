/**
 * The hub child index: one child across every agency's records. {@link org.mashhub.hub.identity.ChildIndex}
 * decides which child a description is about (validated identifiers first, then the probability of each child
 * that shares a blocking key, by the rules in {@code org.mashhub.adapters.identity}) and keeps what it learns in
 * {@link org.mashhub.hub.identity.ChildProfiles}, every source's birth date, sex and names side by side
 * ({@link org.mashhub.hub.identity.SourcedDetail}). The model's term frequencies and u are measured on the index
 * itself ({@link org.mashhub.hub.identity.IndexModel}). Possible matches and birth-date conflicts wait for a person
 * in the {@link org.mashhub.hub.identity.ReviewQueue}. The case system's known children are loaded, and
 * descriptions matched, over {@code /api/v1/identity}.
 */
package org.mashhub.hub.identity;
