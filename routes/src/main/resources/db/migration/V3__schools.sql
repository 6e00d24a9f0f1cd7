-- School files: one row per file a school partner sent (by folder or upload), identified by its content.
create table school_file (
    file_id        varchar(36)  not null primary key,
    partner_id     varchar(64)  not null,
    content_sha256 varchar(64)  not null,
    file_name      varchar(255) not null,
    correlation_id varchar(64)  not null,
    format         varchar(32),
    status         varchar(24)  not null,
    received_at    timestamp with time zone not null,
    completed_at   timestamp with time zone,
    rows_total     integer,
    rows_accepted  integer,
    rows_rejected  integer,
    events         integer,
    error_report   text,
    constraint uq_school_file_content unique (partner_id, content_sha256)
);

-- Attendance marks per pupil and session, as the latest file gave them: the history the rolling-window
-- checks read. Marks are not forwarded to the case system one by one.
create table school_attendance_mark (
    upn          varchar(13) not null,
    session_date date        not null,
    session      varchar(2)  not null,
    mark         varchar(2)  not null,
    school_urn   varchar(6)  not null,
    partner_id   varchar(64) not null,
    file_id      varchar(36) not null,
    primary key (upn, session_date, session)
);
create index ix_attendance_mark_file on school_attendance_mark (file_id);

-- Attendance concerns raised, so one is not raised again with every daily file within its window.
create table attendance_concern_raised (
    upn        varchar(13) not null,
    concern    varchar(32) not null,
    file_id    varchar(36) not null,
    window_to  date        not null,
    event_id   varchar(36) not null,
    primary key (upn, concern, file_id)
);
