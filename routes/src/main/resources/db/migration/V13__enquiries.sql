-- Partner checks (issue: the MASH asks partners what they know, against the clock). An enquiry about one child asks
-- several partners; each partner's request has its own due time (by RAG) and, once it answers, its answer.
create table enquiry (
    enquiry_id    varchar(36)   primary key,
    hub_child_id  varchar(36)   not null,
    rag           varchar(5)    not null,
    question      varchar(2000) not null,
    lawful_basis  varchar(200)  not null,
    raised_by     varchar(100)  not null,
    raised_at     timestamp with time zone not null
);
create index enquiry_child on enquiry (hub_child_id, raised_at);

-- WAITING: asked, no answer yet; ANSWERED: the partner answered (answered_at after due_at: late).
create table enquiry_request (
    request_id       varchar(36)   primary key,
    enquiry_id       varchar(36)   not null references enquiry (enquiry_id),
    partner_id       varchar(64)   not null,
    status           varchar(20)   not null,
    due_at           timestamp with time zone not null,
    notification_id  varchar(36),
    reminded_at      timestamp with time zone,    -- the partner reminded, at three quarters of its time
    overdue_at       timestamp with time zone,    -- seen overdue, and said so (audited; counted for managers)
    answered_at      timestamp with time zone,
    nothing_known    boolean,
    summary          varchar(2000),
    detail           varchar(20000)
);
create index enquiry_request_waiting on enquiry_request (status, due_at);
create index enquiry_request_enquiry on enquiry_request (enquiry_id);

-- A request's notification follows from the request, not from an event: made once per partner and request.
alter table partner_notification alter column about_event_id drop not null;
alter table partner_notification add column about_request_id varchar(36);
create unique index partner_notification_request_once on partner_notification (partner_id, type, about_request_id);
