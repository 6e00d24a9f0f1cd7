-- Lawful sharing: the event as accepted (for the MASH view and a manager's decision), the policy's decision,
-- events held for a manager, and consent recorded by staff.

-- The canonical event as accepted, before the sharing policy (which decides at each use); purged with its
-- category's retention, when only the row's ids and dates remain.
alter table accepted_event add column payload text;
alter table accepted_event add column primary_category varchar(40);
alter table accepted_event add column sharing_decision varchar(24);
alter table accepted_event add column sharing_rule varchar(80);
alter table accepted_event add column purged_at timestamp with time zone;

-- Events the policy withheld from the case system, waiting for a manager: released (with a reason: shared
-- under a manager's override) or refused (never shared).
create table withheld_event (
    event_id       varchar(36)  not null primary key,
    hub_child_id   varchar(36)  not null,
    partner_id     varchar(64)  not null,
    kind           varchar(40)  not null,
    rule           varchar(80)  not null,
    reason         varchar(500) not null,
    status         varchar(16)  not null,
    held_at        timestamp with time zone not null,
    decided_by     varchar(128),
    decided_at     timestamp with time zone,
    decision_reason varchar(2000)
);
create index ix_withheld_event_status on withheld_event (status, held_at);

-- Who recorded a consent statement: a partner's message, or a member of staff (with their note).
alter table consent_record add column recorded_by varchar(128);
alter table consent_record add column note varchar(2000);
alter table consent_record alter column hub_message_id drop not null;
