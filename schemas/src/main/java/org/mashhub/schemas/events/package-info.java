/**
 * The canonical events every partner message is turned into: {@link org.mashhub.schemas.events.ReferralEvent}
 * (someone is worried about a child) and {@link org.mashhub.schemas.events.ChildRecordEvent} (something known
 * about a child changed), with the parts they share. They mirror {@code schemas/events/*.schema.json};
 * every event is validated against its schema before it is published.
 */
package org.mashhub.schemas.events;
