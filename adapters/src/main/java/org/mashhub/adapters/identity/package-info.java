/**
 * Which child a description is about, as plain rules: names read the same way everywhere
 * ({@link org.mashhub.adapters.identity.Names}), two descriptions compared field by field at graded levels
 * ({@link org.mashhub.adapters.identity.ChildComparator}), the Fellegi–Sunter model from configuration
 * ({@link org.mashhub.adapters.identity.MatchWeights}) with term frequencies
 * ({@link org.mashhub.adapters.identity.TermFrequencies}), the blocking keys that keep a search small
 * ({@link org.mashhub.adapters.identity.BlockingKeys}), the decision with its rules for twins, siblings and
 * namesakes ({@link org.mashhub.adapters.identity.MatchDecision}), and the model's estimation from unlabelled data
 * ({@link org.mashhub.adapters.identity.ModelEstimation}). The hub's child index (routes) stores and searches;
 * these classes decide.
 */
package org.mashhub.adapters.identity;
