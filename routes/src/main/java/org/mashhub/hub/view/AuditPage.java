package org.mashhub.hub.view;

import java.util.Map;
import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditChainVerifier;
import org.mashhub.hub.audit.AuditChainer;
import org.mashhub.hub.audit.AuditSearch;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /mash/audit}: the audit searched by who, what, which child and when, and its chain verified, for auditors. */
@Controller
class AuditPage {

    private static final int PAGE_SIZE = 100;

    private final AuditSearch search;
    private final AuditChainVerifier verifier;
    private final AuditChainer chainer;

    AuditPage(AuditSearch search, AuditChainVerifier verifier, AuditChainer chainer) {
        this.search = search;
        this.verifier = verifier;
        this.chainer = chainer;
    }

    /** The chain checked end to end against its seal and the signed checkpoints kept outside the database. */
    @GetMapping("/mash/audit/verify")
    String verify(Model model) {
        chainer.chainPending(); // every entry committed so far, chained and checkpointed first
        model.addAttribute("verification", verifier.verify());
        model.addAttribute("checkedAt", java.time.Instant.now());
        return "audit-verify";
    }

    @GetMapping("/mash/audit")
    String audit(@RequestParam Map<String, String> form, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("actions", AuditAction.values());
        try {
            model.addAttribute("result", search.search(new AuditSearch.Criteria(form.get("actor"), form.get("action"),
                    form.get("hubChildId"), form.get("from"), form.get("to")), Math.max(page, 0), PAGE_SIZE));
        } catch (AuditSearch.BadCriteria e) {
            model.addAttribute("problem", e.getMessage());
        }
        return "audit";
    }
}
