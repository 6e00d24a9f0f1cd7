package org.mashhub.hub.view;

import org.mashhub.hub.edge.RequestRefusals;
import org.mashhub.hub.enquiries.Enquiries;
import org.mashhub.hub.ledger.PartnerNotifications;
import org.mashhub.hub.partner.PartnerRegistry;
import jakarta.servlet.http.HttpServletRequest;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.edge.FreeText;
import org.mashhub.hub.security.StaffProperties;
import org.mashhub.hub.security.StaffRole;
import org.mashhub.hub.triage.DecisionTimescales;
import org.mashhub.hub.triage.MashDecisions;
import org.mashhub.hub.triage.Outcome;
import org.mashhub.hub.triage.ReferralInbox;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The pages a MASH works referrals on: the inbox, a referral with its children and decisions, and managers' sign-off. */
@Controller
class TriagePages {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK).withZone(DecisionTimescales.UK);

    private final ReferralInbox inbox;
    private final MashDecisions decisions;
    private final AuditTrail auditTrail;
    private final StaffProperties staffAccounts;
    private final PartnerNotifications notifications;
    private final PartnerRegistry partners;
    private final Enquiries enquiries;
    /** Requests still waiting for a partner, shown in the inbox at most (overdue first). */
    private static final int WAITING_SHOWN = 50;

    /** A referrer told the outcome: who, when it was sent, and when its system had it (null: not yet). */
    record Told(String referrer, java.time.Instant sentAt, String status, java.time.Instant receivedAt) {
    }

    TriagePages(ReferralInbox inbox, MashDecisions decisions, AuditTrail auditTrail, StaffProperties staffAccounts,
                PartnerNotifications notifications, PartnerRegistry partners, Enquiries enquiries) {
        this.enquiries = enquiries;
        this.notifications = notifications;
        this.partners = partners;
        this.inbox = inbox;
        this.decisions = decisions;
        this.auditTrail = auditTrail;
        this.staffAccounts = staffAccounts;
    }

    /** The inbox for those who work referrals; the dashboard for everyone else. */
    @GetMapping("/mash")
    String inbox(@RequestParam Map<String, String> form, Model model, Authentication staff, HttpServletRequest request) {
        Set<String> roles = MashController.roles(staff);
        if (!roles.contains("PRACTITIONER") && !roles.contains("MANAGER")) {
            return "redirect:/mash/dashboard";
        }
        int page;
        try {
            page = Integer.parseInt(form.getOrDefault("page", "1"));
        } catch (NumberFormatException e) {
            page = 1;
        }
        ReferralInbox.Filter filter = new ReferralInbox.Filter(form.get("rag"), form.get("agency"), form.get("locality"),
                form.containsKey("overdue"), form.containsKey("mine"), form.containsKey("unallocated"), page);
        ReferralInbox.Page shown = inbox.open(filter, actor(staff), roles);
        List<Enquiries.Waiting> waiting = enquiries.waiting();
        List<Enquiries.Waiting> waitingShown = waiting.subList(0, Math.min(waiting.size(), WAITING_SHOWN));
        auditTrail.childrenShown(actor(staff), CorrelationIdFilter.of(request), "inbox page=" + shown.page(),
                java.util.stream.Stream.concat(shown.rows().stream().flatMap(r -> r.children().stream()).map(ReferralInbox.Child::hubChildId),
                        waitingShown.stream().map(Enquiries.Waiting::hubChildId)).distinct().toList());
        model.addAttribute("waiting", waitingShown);
        Map<String, String> names = new java.util.HashMap<>();
        waitingShown.forEach(w -> names.computeIfAbsent(w.hubChildId(), id -> enquiries.childName(id).orElse("Name not given")));
        model.addAttribute("waitingNames", names);
        model.addAttribute("waitingCount", waiting.size());
        model.addAttribute("waitingOverdue", waiting.stream().filter(Enquiries.Waiting::overdue).count());
        model.addAttribute("form", form);
        model.addAttribute("inbox", shown);
        // The filters again, for the pages' links (page last).
        org.springframework.web.util.UriComponentsBuilder query = org.springframework.web.util.UriComponentsBuilder.newInstance();
        form.forEach((name, value) -> {
            if (!name.equals("page") && value != null && !value.isBlank()) {
                query.queryParam(name, value);
            }
        });
        String filters = query.encode().build().getQuery();
        model.addAttribute("filterQuery", filters == null ? "" : filters + "&");
        model.addAttribute("me", actor(staff));
        model.addAttribute("filtered", filter.rag() != null && !filter.rag().isBlank() || filter.agency() != null && !filter.agency().isBlank()
                || filter.locality() != null && !filter.locality().isBlank() || filter.overdue() || filter.mine() || filter.unallocated());
        model.addAttribute("awaitingSignOff", roles.contains("MANAGER") ? decisions.awaitingSignOff().size() : 0);
        return "inbox";
    }

    /** One referral: its children, what it says (to those who may read it), who has it, and a decision for each child. */
    @GetMapping("/mash/referrals/{eventId}")
    String referral(@PathVariable String eventId, Model model, Authentication staff, HttpServletRequest request) {
        Set<String> roles = MashController.roles(staff);
        ReferralInbox.Row row = inbox.row(eventId, roles)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "There is no referral " + eventId + "."));
        auditTrail.childrenShown(actor(staff), CorrelationIdFilter.of(request), "referral " + row.id(),
                row.children().stream().map(ReferralInbox.Child::hubChildId).toList());
        model.addAttribute("row", row);
        model.addAttribute("me", actor(staff));
        model.addAttribute("manager", roles.contains("MANAGER"));
        model.addAttribute("outcomes", Outcome.values());
        model.addAttribute("caseworkers", staffAccounts.users().stream()
                .filter(u -> u.roles().contains(StaffRole.PRACTITIONER) || u.roles().contains(StaffRole.MANAGER))
                .map(u -> "staff:" + u.username()).toList());
        Map<String, MashDecisions.Recorded> recorded = new java.util.HashMap<>();
        row.children().stream().filter(ReferralInbox.Child::decided)
                .forEach(c -> decisions.recorded(c.eventId()).ifPresent(r -> recorded.put(c.hubChildId(), r)));
        model.addAttribute("recorded", recorded);
        model.addAttribute("told", row.eventIds().stream().flatMap(id -> notifications.about(id).stream())
                .filter(n -> n.type() == PartnerNotifications.Type.REFERRAL_OUTCOME)
                .map(n -> new Told(partners.byId(n.partnerId()).map(org.mashhub.hub.partner.Partner::name).orElse(n.partnerId()),
                        n.createdAt(), n.status(), n.deliveredAt())).toList());
        model.addAttribute("now", java.time.Instant.now());
        return "referral";
    }

    /** The decision for one child of the referral ({@code eventId} is that child's referral). */
    @PostMapping("/mash/referrals/{eventId}/decision")
    String decide(@PathVariable String eventId, @RequestParam String row, @RequestParam(required = false) String outcome,
                  @RequestParam(required = false) String rationale, Authentication staff, RedirectAttributes flash) {
        try {
            MashDecisions.Recorded recorded = decisions.decide(eventId, outcome, rationale, actor(staff), MashController.roles(staff));
            flash.addFlashAttribute("notice", "Decision recorded for " + (recorded.childName() == null ? "the child" : recorded.childName())
                    + ": " + recorded.decision().outcomeWords() + (recorded.decision().awaitingSignOff() ? ", waiting for a manager's sign-off"
                    : "") + ". You can undo it until " + TIME.format(recorded.undoUntil()) + "."
                    + (recorded.decision().answersMissing() == null ? "" : " Recorded before these partners answered the MASH's checks: "
                    + recorded.decision().answersMissing() + "."));
        } catch (RequestRefusals.Problems e) {
            flash.addFlashAttribute("problems", e.problems());
            flash.addFlashAttribute("failedChild", eventId);
            flash.addFlashAttribute("rationale", rationale == null ? "" : rationale.substring(0, Math.min(rationale.length(), FreeText.NOTE)));
            flash.addFlashAttribute("outcome", outcome);
        } catch (RequestRefusals.NotAllowed | RequestRefusals.Conflict | RequestRefusals.NotFound e) {
            flash.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/mash/referrals/" + back(row, eventId);
    }

    @PostMapping("/mash/referrals/{eventId}/undo")
    String undo(@PathVariable String eventId, @RequestParam String row, Authentication staff, RedirectAttributes flash) {
        return act(flash, "/mash/referrals/" + back(row, eventId), () -> decisions.undo(eventId, actor(staff)),
                "Decision undone: the referral is open again.");
    }

    @PostMapping("/mash/referrals/{eventId}/allocate")
    String allocate(@PathVariable String eventId, @RequestParam(required = false) String to, Authentication staff,
                    RedirectAttributes flash) {
        String who = to == null || to.isBlank() ? actor(staff) : to;
        return act(flash, "/mash/referrals/" + eventId, () -> decisions.allocate(eventId, who, actor(staff), MashController.roles(staff)),
                who.equals(actor(staff)) ? "You have this referral." : "Allocated to " + who.replace("staff:", "") + ".");
    }

    @PostMapping("/mash/referrals/{eventId}/sign-off")
    String signOff(@PathVariable String eventId, Authentication staff, RedirectAttributes flash) {
        return act(flash, "/mash/sign-off", () -> decisions.signOff(eventId, actor(staff), MashController.roles(staff)),
                "Signed off.");
    }

    /** Decisions waiting for a manager, oldest first. */
    @GetMapping("/mash/sign-off")
    String awaitingSignOff(Model model, Authentication staff, HttpServletRequest request) {
        List<MashDecisions.Recorded> waiting = decisions.awaitingSignOff();
        auditTrail.childrenShown(actor(staff), CorrelationIdFilter.of(request), "sign-off",
                waiting.stream().map(MashDecisions.Recorded::hubChildId).distinct().toList());
        model.addAttribute("waiting", waiting);
        return "sign-off";
    }

    private static String act(RedirectAttributes flash, String back, FlashedAction.Action action, String done) {
        return FlashedAction.run(flash, back, action, done, List.of(RequestRefusals.Problems.class, RequestRefusals.NotAllowed.class,
                RequestRefusals.Conflict.class, RequestRefusals.NotFound.class));
    }

    /** The referral page to go back to: the form's row when it is an event id, else the referral acted on. */
    private static String back(String row, String eventId) {
        return row != null && row.matches("[0-9a-f-]{36}") ? row : eventId;
    }

    private static String actor(Authentication staff) {
        return MashController.actor(staff);
    }
}
