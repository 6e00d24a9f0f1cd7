-- A MASH decision may be recorded before every partner check is answered: which partners had not answered, in words.
alter table mash_decision add column answers_missing varchar(2000);

-- An answer's words go when the partner's agreement keeps nothing of what the partner shares any longer (retention); the
-- request, its times and whether anything was known stay, for the clock's figures.
alter table enquiry_request add column answer_purged_at timestamp with time zone;

-- The PartnerAnswerEvent an answer became (none while answers do not go to the case system).
alter table enquiry_request add column answer_event_id varchar(36);
