/**
 * Who may do what. Two filter chains: partner interfaces (stateless, Bearer API key, each kind of
 * partner only its own interface) and everything staff use (roles practitioner, manager, auditor,
 * engineer). Refusals answer with problem details and are audited.
 */
package org.mashhub.hub.security;
