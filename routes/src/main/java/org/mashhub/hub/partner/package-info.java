/**
 * Partner organisations and how they prove who they are: each partner is declared in configuration
 * ({@code hub.partners}) with its kind and the hash of its API key; {@link org.mashhub.hub.partner.PartnerKeyFilter}
 * turns a {@code Bearer} key into an authenticated {@link org.mashhub.hub.partner.Partner}.
 */
package org.mashhub.hub.partner;
