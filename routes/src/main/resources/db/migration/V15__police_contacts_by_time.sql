-- Operation Encompass looks for police contacts not yet looked at every two seconds (outbound/OperationEncompass):
-- without this index each look read every accepted event, with its payload, more of them with every message.
create index ix_accepted_event_kind_time on accepted_event (kind, accepted_at);
