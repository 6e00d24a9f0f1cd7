package org.mashhub.hub.ingest;

import org.mashhub.hub.audit.AuditAction;
import org.mashhub.hub.audit.AuditRecord;
import org.mashhub.hub.audit.AuditTrail;
import org.springframework.stereotype.Component;

/**
 * Records every refusal of a partner request. In its own transaction: the work it refused rolls back,
 * the record of refusing it must not.
 */
@Component
public class RejectionAudit {

    private final AuditTrail auditTrail;

    public RejectionAudit(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    public void rejected(String partnerId, String correlationId, int status, String reason) {
        auditTrail.appendIndependently(AuditRecord.of(AuditAction.REJECTED)
                .actor(partnerId == null ? "anonymous" : "partner:" + partnerId)
                .partnerId(partnerId).correlationId(correlationId)
                .detail("status=" + status + " " + reason));
    }

    public void accessDenied(String actor, String partnerId, String correlationId, String path) {
        auditTrail.appendIndependently(AuditRecord.of(AuditAction.ACCESS_DENIED)
                .actor(actor).partnerId(partnerId).correlationId(correlationId)
                .detail("status=403 path=" + shortened(path)));
    }

    private static String shortened(String path) {
        return path == null ? "" : path.length() > 200 ? path.substring(0, 200) : path;
    }
}
