package org.mashhub.hub.outbound;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.mashhub.hub.partner.Partner;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The pull channel, which every partner has whatever else it has: its notifications not yet acknowledged, oldest first,
 * a page at a time, and an acknowledgement of each once the partner's system holds it. A partner's key reads and
 * acknowledges its own notifications only; another's are not there for it.
 */
@RestController
@RequestMapping(PartnerNotificationController.PATH)
class PartnerNotificationController {

    static final String PATH = "/api/v1/partner/notifications";

    /** A page of notifications, and where the next page starts (null: none waiting after these). */
    record Page(List<ObjectNode> notifications, String next) {
    }

    private final PartnerNotifications notifications;

    PartnerNotificationController(PartnerNotifications notifications) {
        this.notifications = notifications;
    }

    @Operation(summary = "The partner's notifications not yet acknowledged", description = "Oldest first; each is the envelope "
            + "of schemas/notifications/notification.v1.schema.json. Ask again with after= the page's next to read on.")
    @ApiResponse(responseCode = "200", description = "A page of notifications, oldest first, and where the next page starts")
    @GetMapping
    Page waiting(@AuthenticationPrincipal Partner partner, @RequestParam(required = false) String after,
                 @RequestParam(defaultValue = "50") int limit) {
        int size = Math.max(1, Math.min(limit, 200));
        List<PartnerNotifications.Notification> page = notifications.waiting(partner.id(), after, size);
        return new Page(page.stream().map(PartnerNotifications.Notification::envelope).toList(),
                page.size() == size ? page.get(page.size() - 1).id() : null);
    }

    @Operation(summary = "Acknowledge a notification", description = "The partner's system holds it: it is not offered again. "
            + "Acknowledging it again changes nothing.")
    @ApiResponse(responseCode = "200", description = "Acknowledged: the notification's id, DELIVERED and when")
    @ApiResponse(responseCode = "404", description = "No notification of this partner's with that id")
    @PostMapping("/{notificationId}/ack")
    Map<String, Object> acknowledge(@AuthenticationPrincipal Partner partner, @PathVariable String notificationId) {
        PartnerNotifications.Notification done = notifications.delivered(partner.id(), notificationId, "partner:" + partner.id())
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No notification " + notificationId + " for this partner."));
        return Map.of("id", done.id(), "status", done.status(), "deliveredAt", done.deliveredAt().toString());
    }
}
