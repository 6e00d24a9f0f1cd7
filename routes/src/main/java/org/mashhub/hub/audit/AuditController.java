package org.mashhub.hub.audit;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit/verify}: is the chain intact, and if not, where does it first break. Auditors only. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    private final AuditChainVerifier verifier;
    private final AuditChainer chainer;

    AuditController(AuditChainVerifier verifier, AuditChainer chainer) {
        this.verifier = verifier;
        this.chainer = chainer;
    }

    @GetMapping("/verify")
    AuditChainVerifier.Verification verify() {
        chainer.chainPending(); // every entry committed so far, chained and verified
        return verifier.verify();
    }
}
