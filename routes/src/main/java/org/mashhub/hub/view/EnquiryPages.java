package org.mashhub.hub.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mashhub.hub.edge.RequestRefusals;
import org.mashhub.hub.enquiries.Enquiries;
import org.mashhub.hub.sharing.Agreements;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Partner checks from the child's page: the MASH asks agencies what they hold about the child, and reads the answers there. */
@Controller
class EnquiryPages {

    /** The lawful bases the agreements know, in words. */
    private static final Map<String, String> WORDS = Map.of(
            "UK-GDPR-6-1-e", "UK GDPR 6(1)(e): public task",
            "UK-GDPR-6-1-c", "UK GDPR 6(1)(c): legal obligation",
            "UK-GDPR-9-2-g", "UK GDPR 9(2)(g): substantial public interest",
            "UK-GDPR-9-2-h", "UK GDPR 9(2)(h): health or social care",
            "DPA-2018-SCH1-PARA18", "DPA 2018 Schedule 1 paragraph 18: safeguarding children");

    /** The lawful bases staff choose from (the agreements' own list), each in words where it has them. */
    static Map<String, String> lawfulBases() {
        Map<String, String> bases = new LinkedHashMap<>();
        Agreements.LAWFUL_BASES.stream().sorted().forEach(code -> bases.put(code, WORDS.getOrDefault(code, code)));
        return bases;
    }

    private final Enquiries enquiries;

    EnquiryPages(Enquiries enquiries) {
        this.enquiries = enquiries;
    }

    @PostMapping("/mash/children/{hubChildId}/enquiries")
    String raise(@PathVariable String hubChildId, @RequestParam(required = false) List<String> agencies,
                 @RequestParam(required = false) String rag, @RequestParam(required = false) String question,
                 @RequestParam(required = false) List<String> lawfulBasis, Authentication staff, RedirectAttributes flash) {
        try {
            Enquiries.Enquiry raised = enquiries.raise(new Enquiries.Raise(hubChildId, List.of(), agencies == null ? List.of() : agencies,
                    rag, question, lawfulBasis == null ? List.of() : lawfulBasis), MashController.actor(staff));
            flash.addFlashAttribute("notice", "Checks sent to " + raised.requests().stream().map(Enquiries.Request::partnerName)
                    .collect(Collectors.joining(", ")) + (raised.notAsked().isEmpty() ? "." : ". Not asked (no agreement to ask them): "
                    + raised.notAsked().stream().map(n -> n.get("partnerId")).collect(Collectors.joining(", ")) + "."));
        } catch (RequestRefusals.Problems e) {
            flash.addFlashAttribute("enquiryProblems", e.problems().stream().map(p -> p.get("detail")).toList());
            flash.addFlashAttribute("enquiryForm", Map.of("agencies", agencies == null ? List.of() : agencies, "rag", rag == null ? "" : rag,
                    "question", question == null ? "" : question, "lawfulBasis", lawfulBasis == null ? List.of() : lawfulBasis));
        }
        return "redirect:/mash/children/" + hubChildId + "#partner-checks";
    }
}
