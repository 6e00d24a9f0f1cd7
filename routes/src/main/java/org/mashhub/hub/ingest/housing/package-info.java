/**
 * District-council housing systems: {@code POST /api/v1/housing/notifications} with JSON per
 * {@code schemas/housing}. The controller is the HTTP edge; {@link org.mashhub.hub.ingest.housing.HousingNotificationRoute}
 * parses and maps with the housing adapter and hands the events to the acceptance pipeline.
 */
package org.mashhub.hub.ingest.housing;
