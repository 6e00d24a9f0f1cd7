package org.mashhub.hub.outbound;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Engineers: notifications a partner's webhook refused or did not take for long enough, and sending one again. */
@RestController
@RequestMapping("/api/v1/admin/notifications")
class ParkedNotificationController {

    /** A parked notification as an engineer sees it: ids, the partner, the type and why (never the envelope's content). */
    record Parked(String id, String partnerId, String type, String aboutEventId, int attempts, java.time.Instant createdAt) {
    }

    private final PartnerNotifications notifications;

    ParkedNotificationController(PartnerNotifications notifications) {
        this.notifications = notifications;
    }

    @ApiResponse(responseCode = "200", description = "Parked notifications, oldest first")
    @GetMapping("/parked")
    List<Parked> parked(@RequestParam(defaultValue = "100") int limit) {
        return notifications.parkedList(Math.max(1, Math.min(limit, 1000))).stream()
                .map(n -> new Parked(n.id(), n.partnerId(), n.type().name(), n.aboutEventId(), n.attempts(), n.createdAt())).toList();
    }

    @ApiResponse(responseCode = "200", description = "On its way to the partner again, under the same id")
    @ApiResponse(responseCode = "404", description = "Not a parked notification (replayed already, or delivered?)")
    @PostMapping("/{notificationId}/replay")
    Map<String, Object> replay(@PathVariable String notificationId, Principal staff) {
        if (!notifications.replayed(notificationId, "staff:" + staff.getName())) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Notification " + notificationId + " is not parked.");
        }
        return Map.of("id", notificationId, "replayed", true);
    }
}
