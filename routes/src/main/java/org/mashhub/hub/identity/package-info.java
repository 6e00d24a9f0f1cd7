/**
 * The hub child index: one child across every agency's records. {@link org.mashhub.hub.identity.ChildIndex}
 * decides which child a description is about (validated identifiers first, then Fellegi–Sunter scoring of
 * the children that share a blocking key, by the rules in {@code org.mashhub.adapters.identity}) and
 * keeps what it learns in {@link org.mashhub.hub.identity.ChildProfiles}; possible matches wait for a person
 * in the {@link org.mashhub.hub.identity.ReviewQueue}. The case system's known children are loaded, and
 * descriptions matched, over {@code /api/v1/identity}.
 */
package org.mashhub.hub.identity;
