-- The MASH workflow: a decision has an outcome and a rationale, and a manager's sign-off where the council asks for
-- one (decisions recorded before this have neither: shown as "not recorded").
alter table mash_decision rename column note to rationale;
alter table mash_decision add column outcome varchar(32);
-- One decision for a child covers each copy of the child's referral: they share the decision id (undone together).
alter table mash_decision add column decision_id varchar(36);
update mash_decision set decision_id = event_id;
alter table mash_decision alter column decision_id set not null;
create index ix_mash_decision_decision on mash_decision (decision_id);
alter table mash_decision add column needs_sign_off boolean not null default false;
alter table mash_decision add column signed_off_by varchar(128);
alter table mash_decision add column signed_off_at timestamp with time zone;
-- The event that told the case system, once the decision could no longer be undone (and was signed off, if it needed to be).
alter table mash_decision add column sent_event_id varchar(36);

-- Who has each referral: taken by a practitioner or allocated by a manager (the last allocation stands; the audit
-- keeps every one).
create table referral_allocation (
    event_id     varchar(36)  not null primary key,
    allocated_to varchar(128) not null,
    allocated_by varchar(128) not null,
    allocated_at timestamp with time zone not null
);
