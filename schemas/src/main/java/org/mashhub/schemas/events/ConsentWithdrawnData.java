package org.mashhub.schemas.events;

import java.time.Instant;
import java.time.LocalDate;

/** The data of a {@link NoticeType#CONSENT_WITHDRAWN} notice: whose information, of which category ({@code *}: all). */
public record ConsentWithdrawnData(String partnerId, String category, LocalDate from, String recordedBy, Instant recordedAt) {
}
