/**
 * District-council housing notifications ({@code schemas/housing}): homelessness duties, temporary
 * accommodation, eviction notices and moves of households with children. Parsed and validated by
 * {@link org.mashhub.adapters.housing.HousingNotificationAdapter}, which maps each child in the household
 * to canonical events.
 */
package org.mashhub.adapters.housing;
