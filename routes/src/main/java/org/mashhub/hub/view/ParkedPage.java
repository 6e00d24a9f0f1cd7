package org.mashhub.hub.view;

import java.util.List;
import org.mashhub.hub.delivery.CaseSystemTrust;
import org.mashhub.hub.delivery.DeliveryProperties;
import org.mashhub.hub.ledger.EventLedger;
import org.mashhub.hub.ledger.ParkedEvents;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Engineers' page of parked deliveries to the case system (replay or discard each) and of notifications a partner's push
 * channel refused or did not take for a day (replay each); both through the ledger, audited there.
 */
@Controller
class ParkedPage {

    /** The oldest this many; the API replays or lists any number, by partner, reason or age. */
    private static final int SHOWN = 200;

    private final ParkedEvents parked;
    private final CaseSystemTrust trust;
    private final DeliveryProperties delivery;
    private final EventLedger ledger;
    private final PartnerNotifications notifications;

    ParkedPage(ParkedEvents parked, CaseSystemTrust trust, DeliveryProperties delivery, EventLedger ledger,
               PartnerNotifications notifications) {
        this.parked = parked;
        this.notifications = notifications;
        this.trust = trust;
        this.delivery = delivery;
        this.ledger = ledger;
    }

    @GetMapping("/mash/parked")
    String parkedDeliveries(Model model) {
        // Deliveries the case system refuses for want of trust are held, not parked: the engineer is told here.
        CaseSystemTrust.Refusal refusal = trust.refusal();
        model.addAttribute("refusal", refusal);
        model.addAttribute("hold", delivery.retry().holdWhenNotTrusted());
        model.addAttribute("waiting", refusal == null ? 0 : ledger.onTheirWay());
        model.addAttribute("items", parked.list(ParkedEvents.Filter.ALL, SHOWN));
        model.addAttribute("total", parked.count());
        model.addAttribute("shown", SHOWN);
        model.addAttribute("notifications", notifications.parkedList(SHOWN));
        return "parked";
    }

    @PostMapping("/mash/parked/notifications/{notificationId}/replay")
    String replayNotification(@PathVariable String notificationId, Authentication staff, RedirectAttributes flash) {
        return decide(flash, "/mash/parked", () -> {
            if (!notifications.replayed(notificationId, MashController.actor(staff))) {
                throw new IllegalStateException("Notification " + notificationId + " is not parked (replayed already, or delivered?).");
            }
        },
                "Replayed: on its way to the partner again, under the same id.");
    }

    @PostMapping("/mash/parked/{eventId}/replay")
    String replay(@PathVariable String eventId, Authentication staff, RedirectAttributes flash) {
        return decide(flash, "/mash/parked", () -> {
            if (!parked.replay(eventId, MashController.actor(staff))) {
                notParked(eventId);
            }
        },
                "Replayed: on its way to the case system again.");
    }

    @PostMapping("/mash/parked/{eventId}/discard")
    String discard(@PathVariable String eventId, @RequestParam(required = false) String reason, Authentication staff,
                   RedirectAttributes flash) {
        return decide(flash, "/mash/parked", () -> {
            if (!parked.discard(eventId, MashController.actor(staff), reason)) {
                notParked(eventId);
            }
        },
                "Discarded: it will not be delivered.");
    }

    private static String decide(RedirectAttributes flash, String back, FlashedAction.Action action, String done) {
        return FlashedAction.run(flash, back, action, done, List.of(IllegalStateException.class, IllegalArgumentException.class));
    }

    private static void notParked(String eventId) {
        throw new IllegalStateException("Event " + eventId + " is not parked (replayed or discarded already?).");
    }
}
