-- The MASH view: when the MASH decided on a referral (the inbox's clock stops), and by whom.
create table mash_decision (
    event_id   varchar(36)  not null primary key,
    decided_at timestamp with time zone not null,
    decided_by varchar(128) not null,
    note       varchar(2000)
);

-- The dashboard and the inbox read referrals by type and time.
create index ix_accepted_event_type_time on accepted_event (event_type, accepted_at);
create index ix_audit_entry_child on audit_entry (hub_child_id);
