package org.mashhub.hub.view;

import org.mashhub.hub.storage.Times;
import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mashhub.adapters.identity.MatchDecision;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditChainer;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.identity.ChildIndex;
import org.mashhub.hub.sharing.WithheldEvents;
import org.mashhub.schemas.events.Address;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
import org.mashhub.schemas.events.PersonName;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/** The MASH view's sign-in, search and child pages. What each role may reach is in the staff security chain; this does what was asked. */
@Controller
class MashController {

    private static final int SEARCH_RESULTS = 20;

    private final ChildPages pages;
    private final ChildIndex index;
    private final WithheldEvents withheld;
    private final AuditTrail auditTrail;
    private final AuditChainer auditChainer;
    private final JdbcTemplate jdbc;
    private final org.mashhub.hub.enquiries.Enquiries enquiries;

    MashController(ChildPages pages, ChildIndex index,
                   WithheldEvents withheld, AuditTrail auditTrail,
                   AuditChainer auditChainer, JdbcTemplate jdbc, org.mashhub.hub.enquiries.Enquiries enquiries) {
        this.enquiries = enquiries;
        this.pages = pages;
        this.index = index;
        this.withheld = withheld;
        this.auditTrail = auditTrail;
        this.auditChainer = auditChainer;
        this.jdbc = jdbc;
    }

    /** The sign-in page: the council's identity provider where there is one, a password for the demo's accounts. */
    @GetMapping("/login")
    String login(Model model, @org.springframework.beans.factory.annotation.Value(
                         "${spring.security.oauth2.client.registration.council.client-id:}") String council,
                 @org.springframework.beans.factory.annotation.Value("${hub.staff.users[0].username:}") String staffUser) {
        model.addAttribute("council", !council.isBlank());
        model.addAttribute("passwords", !staffUser.isBlank());
        return "login";
    }

    @GetMapping("/mash/search")
    String search(@RequestParam Map<String, String> form, Model model, Authentication staff, HttpServletRequest request) {
        model.addAttribute("form", form);
        List<String> problems = new ArrayList<>();
        LocalDate born = null;
        String day = trim(form.get("birthDay"));
        String month = trim(form.get("birthMonth"));
        String year = trim(form.get("birthYear"));
        String typed = !blank(form.get("birthDate")) ? form.get("birthDate").trim()
                : blank(day) && blank(month) && blank(year) ? null : day + "/" + month + "/" + year;
        if (typed != null) {
            born = org.mashhub.hub.edge.TypedDates.parse(typed);
            if (born == null) {
                problems.add("Date of birth must be a real date, like 19 4 2015 (or 19/04/2015, or 2015-04-19).");
            } else if (born.isAfter(LocalDate.now())) {
                problems.add("Date of birth must be today or in the past.");
                born = null;
            }
        }
        boolean asked = form.values().stream().anyMatch(v -> !blank(v));
        if (asked && problems.isEmpty()) {
            List<Identifier> identifiers = new ArrayList<>();
            if (!blank(form.get("nhsNumber"))) {
                identifiers.add(Identifier.nhsNumber(form.get("nhsNumber").replaceAll("\\s", "")));
            }
            if (!blank(form.get("upn"))) {
                identifiers.add(new Identifier(Identifier.UPN, form.get("upn").trim().toUpperCase(java.util.Locale.ROOT)));
            }
            PersonName name = blank(form.get("given")) && blank(form.get("family")) ? null
                    : new PersonName(trim(form.get("given")), trim(form.get("family")), List.of());
            Address address = blank(form.get("postcode")) ? null : new Address(List.of(), null, form.get("postcode").trim(), null, null, null);
            ChildSubject query = new ChildSubject(null, identifiers, name, born, null, address, null);
            List<MatchDecision.Candidate> found = index.search(query, SEARCH_RESULTS);
            auditTrail.childrenShown(actor(staff), CorrelationIdFilter.of(request), "search fields=" + form.entrySet().stream()
                            .filter(f -> !blank(f.getValue())).map(f -> f.getKey().startsWith("birth") ? "birthDate" : f.getKey()).distinct().sorted().collect(java.util.stream.Collectors.joining(",")),
                    found.stream().map(MatchDecision.Candidate::hubChildId).toList());
            model.addAttribute("results", found);
            if (found.isEmpty()) {
                problems.add("No child found. Without a date of birth, names are found as spelt (both names: sound-alikes too).");
            }
        }
        model.addAttribute("problems", problems);
        return "search";
    }

    /** A child's page: an audit entry for every view, with who, when, which child and as which role. */
    @GetMapping("/mash/children/{hubChildId}")
    String child(@PathVariable String hubChildId, Model model, Authentication staff, HttpServletRequest request) {
        String current = index.current(hubChildId);
        if (!current.equals(hubChildId)) {
            return "redirect:/mash/children/" + current;
        }
        Set<String> roles = roles(staff);
        ChildPages.Page page = pages.page(hubChildId, roles)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "The hub knows no child " + hubChildId + "."));
        auditTrail.append(AuditRecord.of(AuditAction.VIEWED).actor(actor(staff)).correlationId(CorrelationIdFilter.of(request))
                .hubChildId(hubChildId).detail("child-page roles=" + String.join(",", roles)));
        model.addAttribute("page", page);
        model.addAttribute("held", withheld.ofChild(hubChildId).stream().filter(h -> h.status() == WithheldEvents.Status.HELD).toList());
        model.addAttribute("enquiries", enquiries.ofChild(hubChildId, roles));
        model.addAttribute("lawfulBases", EnquiryPages.lawfulBases());
        model.addAttribute("mayAsk", roles.contains("PRACTITIONER") || roles.contains("MANAGER"));
        return "child";
    }

    /** Who viewed the child, for auditors. */
    @GetMapping("/mash/children/{hubChildId}/views")
    String views(@PathVariable String hubChildId, Model model) {
        model.addAttribute("hubChildId", hubChildId);
        auditChainer.chainPending(); // the latest views too
        model.addAttribute("views", jdbc.queryForList("""
                select recorded_at, actor, detail from audit_entry where action = 'VIEWED' and hub_child_id = ?
                order by seq desc limit 500""", hubChildId).stream()
                .map(r -> Map.of("at", Times.instant(r.get("recorded_at")), "actor", java.util.Objects.toString(r.get("actor"), ""),
                        "detail", java.util.Objects.toString(r.get("detail"), ""))).toList());
        return "views";
    }


    static Set<String> roles(Authentication staff) {
        return org.mashhub.hub.security.StaffRole.namesOf(staff);
    }

    static String actor(Authentication staff) {
        return org.mashhub.hub.security.StaffRole.actorOf(staff);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }
}
