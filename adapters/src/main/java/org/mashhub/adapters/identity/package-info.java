/**
 * Which child a description is about, as plain rules: names read the same way everywhere
 * ({@link org.mashhub.adapters.identity.Names}), two descriptions compared field by field
 * ({@link org.mashhub.adapters.identity.ChildComparator}), Fellegi–Sunter weights from configuration
 * ({@link org.mashhub.adapters.identity.MatchWeights}), the blocking keys that keep a search small
 * ({@link org.mashhub.adapters.identity.BlockingKeys}) and the decision with its twin rule
 * ({@link org.mashhub.adapters.identity.MatchDecision}). The hub's child index (routes) stores and searches;
 * these classes decide.
 */
package org.mashhub.adapters.identity;
