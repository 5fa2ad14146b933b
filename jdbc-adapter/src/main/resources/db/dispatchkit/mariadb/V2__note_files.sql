-- DispatchKit schema V2: the files each note carries (a note may carry up to five attachments).
-- One entry per note, in note order; NULL while no note of the work order carries a file, so
-- rows written before V2 read as they did.
ALTER TABLE ${prefix}work_order ADD note_files LONGTEXT;
