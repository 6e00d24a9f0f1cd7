/**
 * Police Public Protection Notices (PPN) as police forces submit them over SOAP ({@code schemas/police}):
 * parsed without DTDs, validated against the XSD with every problem located, checked for what the schema
 * cannot say (a DASH level for domestic abuse, a reason when consent was not given, children), and mapped
 * to a ReferralEvent and a POLICE_CONTACT record per child.
 */
package org.mashhub.adapters.police;
