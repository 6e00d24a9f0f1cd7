package org.mashhub.hub.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit/verify}: is the chain intact, and if not, where does it first break. Auditors only. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditChainVerifier verifier;

    AuditController(AuditChainVerifier verifier) {
        this.verifier = verifier;
    }

    @GetMapping("/verify")
    AuditChainVerifier.Verification verify() {
        return verifier.verify();
    }
}
