-- The hub child index: every child the hub knows, what it knows of them, and how they are found.
-- Replaces the foundation's placeholder (identifiers and an exact name-and-birth-date key).

-- A child, with what the matcher compares ('|'-separated lists of everything known: names as normalised,
-- postcodes without spaces, valid NHS Numbers and UPNs). A child linked into another by a person
-- (from the review queue) points at it.
create table hub_child (
    hub_child_id varchar(36)   not null primary key,
    created_at   timestamp with time zone not null,
    updated_at   timestamp with time zone not null,
    given_names  varchar(2000) not null default '',
    family_names varchar(2000) not null default '',
    birth_date   date,
    sex          varchar(8),
    postcodes    varchar(1000) not null default '',
    nhs_numbers  varchar(200)  not null default '',
    upns         varchar(500)  not null default '',
    unborn       boolean       not null default false,
    merged_into  varchar(36)
);

-- Children the placeholder index knew: kept, found by their identifiers from now on.
insert into hub_child (hub_child_id, created_at, updated_at)
select hub_child_id, min(created_at), min(created_at) from child_identifier group by hub_child_id;
delete from child_identifier where id_system = 'urn:mash-hub:id:demographic-key';
-- A load looks many identifiers up at once by value.
create index ix_child_identifier_value on child_identifier (id_value);

-- Names as partners gave them, current, previous and alternative.
create table child_name (
    hub_child_id      varchar(36)  not null,
    kind              varchar(8)   not null,
    name              varchar(200) not null,
    first_seen_at     timestamp with time zone not null,
    source_partner_id varchar(64),
    primary key (hub_child_id, kind, name)
);

-- Addresses with their dates, as partners gave them.
create table child_address (
    hub_child_id      varchar(36)  not null,
    postcode          varchar(10)  not null,
    first_line        varchar(200),
    town              varchar(100),
    district          varchar(100),
    valid_from        date,
    valid_to          date,
    first_seen_at     timestamp with time zone not null,
    source_partner_id varchar(64),
    primary key (hub_child_id, postcode)
);

-- Blocking keys (see BlockingKeys): a search reads a few keys, not every child.
create table child_block_key (
    block_key    varchar(120) not null,
    hub_child_id varchar(36)  not null,
    primary key (block_key, hub_child_id)
);

-- Siblings and household members, grouped and never merged.
create table child_relation (
    hub_child_id          varchar(36) not null,
    related_hub_child_id  varchar(36) not null,
    relation              varchar(16) not null,
    source_hub_message_id varchar(36),
    created_at            timestamp with time zone not null,
    primary key (hub_child_id, related_hub_child_id, relation)
);

-- Possible matches waiting for a person: the partner's description of the child (personal data, shown to
-- staff only), the candidates with each field's contribution, and the decision once made.
create table identity_review (
    review_id                varchar(36)  not null primary key,
    status                   varchar(16)  not null,
    created_at               timestamp with time zone not null,
    partner_id               varchar(64),
    hub_message_id           varchar(36),
    provisional_hub_child_id varchar(36)  not null,
    reason                   varchar(200) not null,
    subject                  text         not null,
    candidates               text         not null,
    decided_by               varchar(128),
    decided_at               timestamp with time zone,
    linked_hub_child_id      varchar(36),
    decision_reason          varchar(500)
);
create index ix_identity_review_status on identity_review (status, created_at);
