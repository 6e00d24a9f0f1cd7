-- What each source said of a child, kept side by side: a linked record never overwrites another's birth date,
-- sex or names. source is the partner id, or 'case-system' for the case system's own load.
create table child_detail (
    hub_child_id  varchar(36)  not null,
    field         varchar(16)  not null,
    detail_value  varchar(200) not null,
    source        varchar(64)  not null,
    first_seen_at timestamp with time zone not null,
    primary key (hub_child_id, field, detail_value, source)
);

-- What the index held before: each child's birth date and sex, source not known.
insert into child_detail (hub_child_id, field, detail_value, source, first_seen_at)
select hub_child_id, 'BIRTH_DATE', cast(birth_date as varchar(10)), 'index', created_at
from hub_child where birth_date is not null and merged_into is null;
insert into child_detail (hub_child_id, field, detail_value, source, first_seen_at)
select hub_child_id, 'SEX', sex, 'index', created_at from hub_child where sex is not null and merged_into is null;

-- A review is a possible match (a provisional child waiting to be linked or confirmed new) or a birth-date
-- conflict (a record linked to a child whose birth date it gives otherwise: a person checks).
alter table identity_review add column kind varchar(24) not null default 'POSSIBLE_MATCH';
