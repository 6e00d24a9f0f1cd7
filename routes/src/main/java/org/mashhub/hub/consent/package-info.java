/**
 * Consent to sharing as partners state it (health's FHIR Consent today; police and schools' own consent
 * fields later), kept per child, partner and data category with dates. The sharing-policy stage reads it.
 */
package org.mashhub.hub.consent;
