-- DispatchKit schema V4 (h2): the review queue. An inbound message a person must read keeps its
-- subject and text (cut at 16 KiB of characters by core), and the person's decision once made.
-- Rows recorded before V4 have neither. needs_review turns false when the decision is recorded,
-- so the review indexes only ever serve the rows still waiting.
ALTER TABLE ${prefix}inbox ADD COLUMN subject CHARACTER LARGE OBJECT;
ALTER TABLE ${prefix}inbox ADD COLUMN reply_text CHARACTER LARGE OBJECT;
ALTER TABLE ${prefix}inbox ADD COLUMN reviewed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE ${prefix}inbox ADD COLUMN review_outcome VARCHAR(32);
-- A client's own queue: its rows waiting, oldest first.
CREATE INDEX ${prefix}inbox_subscriber_review_idx
  ON ${prefix}inbox (subscriber, needs_review, received_at, seq);
