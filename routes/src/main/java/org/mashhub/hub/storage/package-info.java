/**
 * The hub's database: Flyway owns the schema (the same migrations on H2 and PostgreSQL); {@link
 * org.mashhub.hub.storage.H2GroupWrites} writes the embedded H2 database's commits to its file in groups.
 */
package org.mashhub.hub.storage;
