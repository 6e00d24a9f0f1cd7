package org.mashhub.hub.view;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.sharing.ManagerDecisions;
import org.mashhub.hub.sharing.WithheldEvents;
import org.mashhub.schemas.CanonicalJson;
import org.mashhub.schemas.events.CanonicalEvent;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * What the sharing policy holds back, grouped by child, and a manager's decision on each item: one page per item with
 * what it says (for the manager who decides), the choice and the reason, then a page to check and confirm. Those who
 * cannot decide see that items are held and why, never what they say. Every list and page is audited as a view.
 */
@Controller
class WithheldPages {

    private static final ZoneId UK = ZoneId.of("Europe/London");

    /** A held item as a person reads it; summary and detail only for a manager. */
    record Item(String eventId, String hubChildId, String childName, Integer age, String agency, String partner, String kind,
                String rag, String summary, Map<String, String> detail, String why, Instant heldAt) {
    }

    /** A child's held items. */
    record ChildGroup(String hubChildId, String childName, Integer age, List<Item> items) {
    }

    private final WithheldEvents withheld;
    private final ManagerDecisions managerDecisions;
    private final PartnerRegistry partners;
    private final AuditTrail auditTrail;
    private final JdbcTemplate jdbc;

    WithheldPages(WithheldEvents withheld, ManagerDecisions managerDecisions, PartnerRegistry partners, AuditTrail auditTrail,
                  JdbcTemplate jdbc) {
        this.withheld = withheld;
        this.managerDecisions = managerDecisions;
        this.partners = partners;
        this.auditTrail = auditTrail;
        this.jdbc = jdbc;
    }

    @GetMapping("/mash/withheld")
    String list(Model model, Authentication staff, HttpServletRequest request) {
        boolean manager = MashController.roles(staff).contains("MANAGER");
        Map<String, ChildGroup> groups = new LinkedHashMap<>();
        for (WithheldEvents.Held held : withheld.list(WithheldEvents.Status.HELD, 500)) {
            Item item = item(held, manager);
            groups.computeIfAbsent(held.hubChildId(), c -> new ChildGroup(c, item.childName(), item.age(), new ArrayList<>()))
                    .items().add(item);
        }
        auditTrail.childrenShown(MashController.actor(staff), CorrelationIdFilter.of(request), "withheld list" + (manager ? " with summaries" : ""),
                List.copyOf(groups.keySet()));
        model.addAttribute("groups", groups.values());
        model.addAttribute("count", groups.values().stream().mapToInt(g -> g.items().size()).sum());
        return "withheld";
    }

    /** One item, for the manager who decides: what it says, why it is held, release or refuse with a reason. */
    @GetMapping("/mash/withheld/{eventId}")
    String item(@PathVariable String eventId, Model model, Authentication staff, HttpServletRequest request) {
        WithheldEvents.Held held = heldOrNotFound(eventId);
        Item item = item(held, true);
        auditTrail.childrenShown(MashController.actor(staff), CorrelationIdFilter.of(request), "withheld item " + eventId,
                List.of(held.hubChildId()));
        model.addAttribute("item", item);
        return "withheld-item";
    }

    /** The decision to check before it is made: what will happen, and the reason as it will be recorded. */
    @PostMapping("/mash/withheld/{eventId}/check")
    String check(@PathVariable String eventId, @RequestParam(required = false) String decision,
                 @RequestParam(required = false) String reason, Model model, RedirectAttributes flash) {
        WithheldEvents.Held held = heldOrNotFound(eventId);
        List<String> problems = new ArrayList<>();
        if (!"release".equals(decision) && !"refuse".equals(decision)) {
            problems.add("Choose whether to release or refuse it.");
        }
        if (reason == null || reason.isBlank()) {
            problems.add("Give the reason: it is recorded with the decision.");
        } else if (reason.length() > org.mashhub.hub.edge.FreeText.NOTE) {
            problems.add("The reason is " + reason.length() + " characters long; at most " + org.mashhub.hub.edge.FreeText.NOTE + ".");
        }
        if (!problems.isEmpty()) {
            flash.addFlashAttribute("problems", problems);
            flash.addFlashAttribute("decision", decision);
            flash.addFlashAttribute("reason", reason == null ? "" : reason.substring(0, Math.min(reason.length(), org.mashhub.hub.edge.FreeText.NOTE)));
            return "redirect:/mash/withheld/" + eventId;
        }
        model.addAttribute("item", item(held, true));
        model.addAttribute("decision", decision);
        model.addAttribute("reason", reason.trim());
        return "withheld-check";
    }

    @PostMapping("/mash/withheld/{eventId}/release")
    String release(@PathVariable String eventId, @RequestParam(required = false) String reason, Authentication staff,
                   RedirectAttributes flash) {
        return decide(flash, eventId, () -> managerDecisions.release(eventId, MashController.actor(staff), reason),
                "Released: it goes to the case system, shared under your override.");
    }

    @PostMapping("/mash/withheld/{eventId}/refuse")
    String refuse(@PathVariable String eventId, @RequestParam(required = false) String reason, Authentication staff,
                  RedirectAttributes flash) {
        return decide(flash, eventId, () -> managerDecisions.refuse(eventId, MashController.actor(staff), reason),
                "Refused: it will not be shared.");
    }

    private static String decide(RedirectAttributes flash, String eventId, FlashedAction.Action action, String done) {
        return FlashedAction.run(flash, "/mash/withheld", action, done,
                List.of(ManagerDecisions.NotDecidable.class, IllegalArgumentException.class));
    }

    private WithheldEvents.Held heldOrNotFound(String eventId) {
        return withheld.find(eventId).filter(h -> h.status() == WithheldEvents.Status.HELD).orElseThrow(() ->
                new ResponseStatusException(HttpStatus.NOT_FOUND, "Nothing is held as " + eventId + "."));
    }

    private Item item(WithheldEvents.Held held, boolean manager) {
        String payload = jdbc.queryForList("select payload from accepted_event where event_id = ?", String.class, held.eventId())
                .stream().findFirst().orElse(null);
        CanonicalEvent event = null;
        try {
            event = payload == null ? null : CanonicalJson.mapper().readValue(payload, CanonicalEvent.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            event = null;
        }
        String name = null;
        Integer age = null;
        ChildPages.Described described = event == null ? new ChildPages.Described(held.kind(), null, null, Map.of())
                : ChildPages.described(event);
        if (event != null && event.child() != null) {
            if (event.child().name() != null) {
                name = (event.child().name().given() + " " + event.child().name().family()).trim();
            }
            LocalDate born = event.child().birthDate();
            age = born == null ? null : Period.between(born, LocalDate.now(UK)).getYears();
        }
        String agency = partners.agency(held.partnerId());
        return new Item(held.eventId(), held.hubChildId(), name, age, agency,
                partners.byId(held.partnerId()).map(org.mashhub.hub.partner.Partner::name).orElse(held.partnerId()), described.type(),
                described.rag(), manager ? described.summary() : null, manager ? described.detail() : Map.of(),
                org.mashhub.hub.sharing.StaffView.because(held.rule()) + (held.rule().startsWith("consent.") ? " by " + agency : ""), held.heldAt());
    }
}
