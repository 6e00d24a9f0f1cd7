-- What the hub sends back to partners (issue: partners hear back). Owned by the ledger, as events are: each row's
-- status changes only there, each change audited. WAITING: made, not yet acknowledged (pull) or taken (push);
-- PARKED: the partner's endpoint refused it, or did not take it for hub.outbound.give-up-after, for an engineer.
create table partner_notification (
    notification_id  varchar(36)  primary key,
    partner_id       varchar(64)  not null,
    type             varchar(40)  not null,
    status           varchar(20)  not null,
    created_at       timestamp with time zone not null,
    due_by           timestamp with time zone,
    hub_child_id     varchar(36),
    about_event_id   varchar(36)  not null,
    payload          text         not null,
    attempts         integer      not null default 0,
    next_attempt_at  timestamp with time zone,
    last_answer      varchar(500),
    delivered_at     timestamp with time zone,
    -- One notification of a type about an event for a partner: a second making of it is the same notification.
    constraint partner_notification_once unique (partner_id, type, about_event_id)
);
create index partner_notification_waiting on partner_notification (partner_id, status, created_at, notification_id);

-- Police contact events the Operation Encompass check has looked at (whether or not a school was told), so each is
-- looked at once.
create table encompass_check (
    event_id    varchar(36) primary key,
    checked_at  timestamp with time zone not null
);
