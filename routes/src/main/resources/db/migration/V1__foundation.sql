-- The foundation's tables. Runs unchanged on H2 (MODE=PostgreSQL) and PostgreSQL.

-- One row per partner message accepted: the receipt, and what makes a resubmission recognisable.
create table inbound_message (
    hub_message_id     varchar(36)  not null primary key,
    partner_id         varchar(64)  not null,
    partner_message_id varchar(128) not null,
    content_sha256     varchar(64)  not null,
    correlation_id     varchar(64)  not null,
    received_at        timestamp with time zone not null,
    constraint uq_inbound_message_partner_message unique (partner_id, partner_message_id)
);

-- The events a message became, and how far each has got on its way to the case system.
create table accepted_event (
    event_id       varchar(36) not null primary key,
    hub_message_id varchar(36) not null references inbound_message (hub_message_id),
    event_index    integer     not null,
    event_type     varchar(40) not null,
    kind           varchar(40) not null,
    hub_child_id   varchar(36) not null,
    partner_id     varchar(64) not null,
    status         varchar(16) not null,
    accepted_at    timestamp with time zone not null,
    delivered_at   timestamp with time zone,
    attempts       integer     not null default 0,
    parked_reason  varchar(500)
);
create index ix_accepted_event_message on accepted_event (hub_message_id);
create index ix_accepted_event_child on accepted_event (hub_child_id);
create index ix_accepted_event_status on accepted_event (status);

-- Placeholder child index: identifiers to hub child ids. The identity issue replaces it.
create table child_identifier (
    id_system    varchar(200) not null,
    id_value     varchar(200) not null,
    hub_child_id varchar(36)  not null,
    created_at   timestamp with time zone not null,
    primary key (id_system, id_value)
);
create index ix_child_identifier_child on child_identifier (hub_child_id);

-- Append-only, hash-chained audit. Each entry carries the SHA-256 of the one before it; the head row
-- holds the newest entry's sequence and hash, and is locked to append one entry at a time.
create table audit_entry (
    seq            bigint       not null primary key,
    recorded_at    timestamp with time zone not null,
    action         varchar(32)  not null,
    actor          varchar(128),
    correlation_id varchar(64),
    partner_id     varchar(64),
    hub_message_id varchar(36),
    event_id       varchar(36),
    hub_child_id   varchar(36),
    detail         varchar(2000),
    prev_hash      varchar(64)  not null,
    entry_hash     varchar(64)  not null
);
create index ix_audit_entry_correlation on audit_entry (correlation_id);
create index ix_audit_entry_event on audit_entry (event_id);

create table audit_chain_head (
    id        integer     not null primary key,
    last_seq  bigint      not null,
    last_hash varchar(64) not null
);
insert into audit_chain_head (id, last_seq, last_hash)
values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
