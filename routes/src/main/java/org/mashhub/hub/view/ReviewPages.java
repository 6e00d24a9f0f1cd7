package org.mashhub.hub.view;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.mashhub.adapters.identity.ChildDescription;
import org.mashhub.hub.audit.AuditTrail;
import org.mashhub.hub.edge.CorrelationIdFilter;
import org.mashhub.hub.edge.FreeText;
import org.mashhub.hub.identity.ChildIndex;
import org.mashhub.hub.identity.ReviewQueue;
import org.mashhub.hub.identity.SourcedDetail;
import org.mashhub.hub.partner.PartnerRegistry;
import org.mashhub.hub.triage.Localities;
import org.mashhub.schemas.events.ChildSubject;
import org.mashhub.schemas.events.Identifier;
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

/**
 * Possible matches and birth-date conflicts, decided by a person: the list, then one page per review with the record
 * and its candidates side by side, field by field, each value with the sources that give it and how the matcher
 * compared it; a decision with a reason; a page to check and confirm. Every page is audited as a view of the children.
 */
@Controller
class ReviewPages {

    private static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /** One row of the comparison: the field, what the record says, and for each candidate its values and how it compares. */
    record Comparison(String field, String record, List<Cell> candidates) {
    }

    /** A candidate's value, how the matcher compared it, and whether that counts for (agrees), against, or neither. */
    record Cell(String value, String level, boolean agrees, boolean differs) {
    }

    /** A candidate's heading: who, and how likely the matcher thinks it is. */
    record Candidate(String hubChildId, String name, String likelihood) {
    }

    private final ReviewQueue reviews;
    private final ChildIndex index;
    private final PartnerRegistry partners;
    private final AuditTrail auditTrail;

    ReviewPages(ReviewQueue reviews, ChildIndex index, PartnerRegistry partners, AuditTrail auditTrail) {
        this.reviews = reviews;
        this.index = index;
        this.partners = partners;
        this.auditTrail = auditTrail;
    }

    @GetMapping("/mash/reviews")
    String list(Model model, Authentication staff, HttpServletRequest request) {
        List<ReviewQueue.Review> open = reviews.list(ReviewQueue.Status.OPEN, 200);
        auditTrail.childrenShown(MashController.actor(staff), CorrelationIdFilter.of(request), "identity-reviews reviews=" + open.size(),
                ReviewQueue.childrenIn(open));
        model.addAttribute("reviews", open);
        model.addAttribute("agencies", open.stream().collect(Collectors.toMap(ReviewQueue.Review::reviewId,
                r -> partners.agency(r.partnerId()), (a, b) -> a)));
        return "reviews";
    }

    @GetMapping("/mash/reviews/{reviewId}")
    String review(@PathVariable String reviewId, Model model, Authentication staff, HttpServletRequest request) {
        ReviewQueue.Review review = openReview(reviewId);
        auditTrail.childrenShown(MashController.actor(staff), CorrelationIdFilter.of(request), "identity-review " + reviewId,
                ReviewQueue.childrenIn(List.of(review)));
        fill(model, review);
        return "review";
    }

    @PostMapping("/mash/reviews/{reviewId}/check")
    String check(@PathVariable String reviewId, @RequestParam(required = false) String choice,
                 @RequestParam(required = false) String reason, Model model, RedirectAttributes flash) {
        ReviewQueue.Review review = openReview(reviewId);
        List<String> problems = new ArrayList<>();
        boolean known = choice != null && (choice.equals("new") || review.candidates().stream().anyMatch(c -> c.hubChildId().equals(choice)));
        if (!known) {
            problems.add("Choose the child this record is about, or that it is another child.");
        }
        if (reason == null || reason.isBlank()) {
            problems.add("Give the reason: it is recorded with the decision.");
        } else if (reason.length() > FreeText.REASON) {
            problems.add("The reason is " + reason.length() + " characters long; at most " + FreeText.REASON + ".");
        }
        if (!problems.isEmpty()) {
            flash.addFlashAttribute("problems", problems);
            flash.addFlashAttribute("choice", choice);
            flash.addFlashAttribute("reason", reason == null ? "" : reason.substring(0, Math.min(reason.length(), FreeText.REASON)));
            return "redirect:/mash/reviews/" + reviewId;
        }
        List<Candidate> candidates = fill(model, review);
        model.addAttribute("choice", choice);
        model.addAttribute("chosenName", candidates.stream().filter(c -> c.hubChildId().equals(choice)).map(Candidate::name)
                .findFirst().orElse("the known child"));
        model.addAttribute("reason", reason.trim());
        return "review-check";
    }

    @PostMapping("/mash/reviews/{reviewId}/link")
    String link(@PathVariable String reviewId, @RequestParam String hubChildId, @RequestParam(required = false) String reason,
                Authentication staff, RedirectAttributes flash) {
        return decide(flash, reviewId, () -> reviews.link(reviewId, hubChildId, MashController.actor(staff), reason),
                "Linked: one child from now on.");
    }

    @PostMapping("/mash/reviews/{reviewId}/new-child")
    String newChild(@PathVariable String reviewId, @RequestParam(required = false) String reason, Authentication staff,
                    RedirectAttributes flash) {
        return decide(flash, reviewId, () -> reviews.confirmNewChild(reviewId, MashController.actor(staff), reason),
                "Confirmed as another child.");
    }

    private static String decide(RedirectAttributes flash, String reviewId, FlashedAction.Action action, String done) {
        return FlashedAction.run(flash, "/mash/reviews", action, done,
                List.of(ReviewQueue.ReviewDecisionException.class, IllegalArgumentException.class));
    }

    private ReviewQueue.Review openReview(String reviewId) {
        return reviews.find(reviewId).filter(r -> r.status() == ReviewQueue.Status.OPEN)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No possible match " + reviewId + " is waiting."));
    }

    /** The comparison on the model; the candidates shown. */
    private List<Candidate> fill(Model model, ReviewQueue.Review review) {
        ChildSubject subject = review.subject();
        List<ReviewQueue.CandidateView> shown = review.candidates().stream().limit(4).toList();
        List<Candidate> candidates = new ArrayList<>();
        Map<String, Map<String, String>> levels = new LinkedHashMap<>();
        Map<String, ChildDescription> known = new LinkedHashMap<>();
        Map<String, List<SourcedDetail>> details = new LinkedHashMap<>();
        for (ReviewQueue.CandidateView c : shown) {
            ChildDescription description = index.describe(c.hubChildId()).orElse(null);
            known.put(c.hubChildId(), description);
            details.put(c.hubChildId(), index.details(c.hubChildId()));
            levels.put(c.hubChildId(), c.fields().stream().collect(Collectors.toMap(ReviewQueue.FieldView::field,
                    ReviewQueue.FieldView::level, (a, b) -> a)));
            candidates.add(new Candidate(c.hubChildId(), description == null ? "Not known" : name(description),
                    c.probability() == null ? null : Math.round(c.probability() * 100) + "% likely the same child"));
        }
        List<Comparison> rows = new ArrayList<>();
        rows.add(row("Given name", subject.name() == null ? null : subject.name().given(), shown, "GIVEN_NAME", levels,
                id -> sourced(details.get(id), SourcedDetail.GIVEN_NAME, ChildPages.capitalised(known.get(id) == null ? null
                        : String.join(" ", known.get(id).givenNames())))));
        rows.add(row("Family name", subject.name() == null ? null : subject.name().family(), shown, "FAMILY_NAME", levels,
                id -> sourced(details.get(id), SourcedDetail.FAMILY_NAME, ChildPages.capitalised(known.get(id) == null ? null
                        : String.join(" / ", known.get(id).familyNames())))));
        rows.add(row("Date of birth", date(subject.birthDate()), shown, "BIRTH_DATE", levels,
                id -> sourced(details.get(id), SourcedDetail.BIRTH_DATE, known.get(id) == null ? null : date(known.get(id).birthDate()))));
        rows.add(row("Sex", subject.sex(), shown, "SEX", levels,
                id -> sourced(details.get(id), SourcedDetail.SEX, known.get(id) == null ? null : known.get(id).sex())));
        rows.add(row("Postcode", subject.address() == null ? null : Localities.formatted(subject.address().postcode()), shown, "POSTCODE",
                levels, id -> known.get(id) == null ? null : known.get(id).postcodes().stream().map(Localities::formatted)
                        .sorted().collect(Collectors.joining(", "))));
        rows.add(row("NHS Number", identifier(subject, Identifier.NHS_NUMBER), shown, "NHS_NUMBER", levels,
                id -> known.get(id) == null ? null : String.join(", ", known.get(id).nhsNumbers())));
        rows.add(row("UPN", identifier(subject, Identifier.UPN), shown, "UPN", levels,
                id -> known.get(id) == null ? null : String.join(", ", known.get(id).upns())));
        model.addAttribute("review", review);
        model.addAttribute("agency", partners.agency(review.partnerId()));
        model.addAttribute("partner", partners.byId(review.partnerId()).map(org.mashhub.hub.partner.Partner::name).orElse(review.partnerId()));
        model.addAttribute("candidates", candidates);
        model.addAttribute("rows", rows.stream().filter(r -> r.record() != null
                || r.candidates().stream().anyMatch(c -> c.value() != null && !c.value().isBlank())).toList());
        model.addAttribute("conflict", review.kind() == ReviewQueue.Kind.BIRTH_DATE_CONFLICT);
        return candidates;
    }

    private static Comparison row(String field, String record, List<ReviewQueue.CandidateView> candidates, String matcherField,
                                  Map<String, Map<String, String>> levels, java.util.function.Function<String, String> value) {
        List<Cell> cells = new ArrayList<>();
        for (ReviewQueue.CandidateView c : candidates) {
            String level = levels.get(c.hubChildId()).get(matcherField);
            cells.add(new Cell(value.apply(c.hubChildId()), level == null ? null : words(level),
                    level != null && !level.equals("DIFFERENT") && !level.equals("UNKNOWN"), "DIFFERENT".equals(level)));
        }
        return new Comparison(field, record == null || record.isBlank() ? null : record, cells);
    }

    /** Each value a source gives for the field, with who gives it; what the index holds where no source is recorded. */
    private String sourced(List<SourcedDetail> details, String field, String fallback) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (SourcedDetail d : details) {
            if (d.field().equals(field)) {
                String value = field.equals(SourcedDetail.BIRTH_DATE) ? date(LocalDate.parse(d.value())) : d.value();
                bySource.computeIfAbsent(value, v -> new ArrayList<>()).add(source(d.source()));
            }
        }
        return bySource.isEmpty() ? fallback : bySource.entrySet().stream()
                .map(e -> e.getKey() + " (" + String.join(", ", e.getValue()) + ")").collect(Collectors.joining("; "));
    }

    private String source(String source) {
        return switch (source) {
            case "case-system" -> "case system";
            case "index" -> "the index";
            default -> partners.agency(source);
        };
    }

    /** How the matcher compared a field, in words. */
    static String words(String level) {
        return switch (level) {
            case "EXACT" -> "Same";
            case "NICKNAME" -> "Same name, another form";
            case "PART" -> "Part of the name";
            case "TYPO" -> "One letter out";
            case "SIMILAR" -> "Similar";
            case "SWAPPED" -> "Day and month swapped";
            case "ONE_DAY" -> "One day out";
            case "ONE_DIGIT" -> "One digit out";
            case "DISTRICT" -> "Same district";
            case "DIFFERENT" -> "Different";
            default -> "Not compared";
        };
    }

    private static String identifier(ChildSubject subject, String system) {
        return subject.identifiers().stream().filter(i -> i.system().equals(system)).map(Identifier::value).findFirst().orElse(null);
    }

    private static String name(ChildDescription description) {
        return ChildPages.capitalised((description.givenNames().isEmpty() ? "" : description.givenNames().get(0)) + " "
                + String.join(" / ", description.familyNames()));
    }

    private static String date(LocalDate date) {
        return date == null ? null : date.format(UK_DATE);
    }
}
