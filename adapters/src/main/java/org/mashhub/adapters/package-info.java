/**
 * What every partner adapter shares: the {@link org.mashhub.adapters.Envelope} the hub puts around a
 * partner message, the {@link org.mashhub.adapters.InvalidMessageException} an adapter throws with every
 * problem it found, and checks of national identifiers ({@link org.mashhub.adapters.NhsNumber}).
 * Plain Java over the schemas module; no Spring, no Camel.
 */
package org.mashhub.adapters;
