-- A MASH decision may be recorded before every partner check is answered: which partners had not answered, in words.
alter table mash_decision add column answers_missing varchar(2000);
