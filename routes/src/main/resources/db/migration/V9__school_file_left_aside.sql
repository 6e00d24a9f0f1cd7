-- What of a school's file the hub left aside, unread: the names of a full CTF's containers it does not take
-- (UCI, FSMhistory, StageAssessments...), space-separated, for the school's status of its file.
alter table school_file add column left_aside varchar(2000);
