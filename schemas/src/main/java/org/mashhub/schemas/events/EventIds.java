package org.mashhub.schemas.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids that are the same every time the same partner message is processed.
 *
 * <p>Should a message be accepted twice (the partner retried after a reply was lost, or the hub failed
 * between publishing and committing), its events get the same ids again, so the broker's duplicate
 * detection and the case system's Idempotency-Key both recognise them.
 */
public final class EventIds {

    private EventIds() {
    }

    /** The hub's receipt for a partner's message. */
    public static String hubMessageId(String partnerId, String partnerMessageId) {
        return nameBased("hub-message\n" + partnerId + "\n" + partnerMessageId);
    }

    /** One event of a message; {@code discriminator} tells the message's events apart (e.g. event kind and member id). */
    public static String eventId(String hubMessageId, String discriminator) {
        return nameBased("event\n" + hubMessageId + "\n" + discriminator);
    }

    private static String nameBased(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
