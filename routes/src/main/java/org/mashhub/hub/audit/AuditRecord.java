package org.mashhub.hub.audit;

/**
 * What to record, before the trail gives it a place in the chain. Ids only: {@code detail} is for
 * counts, statuses and reasons, never names, dates of birth or narratives.
 */
public record AuditRecord(
        AuditAction action,
        String actor,
        String correlationId,
        String partnerId,
        String hubMessageId,
        String eventId,
        String hubChildId,
        String detail) {

    public static AuditRecord of(AuditAction action) {
        return new AuditRecord(action, null, null, null, null, null, null, null);
    }

    public AuditRecord actor(String value) {
        return new AuditRecord(action, value, correlationId, partnerId, hubMessageId, eventId, hubChildId, detail);
    }

    public AuditRecord correlationId(String value) {
        return new AuditRecord(action, actor, value, partnerId, hubMessageId, eventId, hubChildId, detail);
    }

    public AuditRecord partnerId(String value) {
        return new AuditRecord(action, actor, correlationId, value, hubMessageId, eventId, hubChildId, detail);
    }

    public AuditRecord hubMessageId(String value) {
        return new AuditRecord(action, actor, correlationId, partnerId, value, eventId, hubChildId, detail);
    }

    public AuditRecord eventId(String value) {
        return new AuditRecord(action, actor, correlationId, partnerId, hubMessageId, value, hubChildId, detail);
    }

    public AuditRecord hubChildId(String value) {
        return new AuditRecord(action, actor, correlationId, partnerId, hubMessageId, eventId, value, detail);
    }

    public AuditRecord detail(String value) {
        return new AuditRecord(action, actor, correlationId, partnerId, hubMessageId, eventId, hubChildId, value);
    }
}
