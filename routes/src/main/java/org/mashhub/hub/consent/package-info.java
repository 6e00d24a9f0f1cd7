/**
 * Consent to sharing, kept per child, partner and data category with dates: from FHIR Consent (health),
 * from a partner message's own consent field (police, schools, housing), or recorded by a MASH manager.
 * The sharing policy reads the current state.
 */
package org.mashhub.hub.consent;
