-- DispatchKit schema V4 (mariadb): the review queue. An inbound message a person must read keeps
-- its subject and text (cut at 16 KiB of characters by core: up to 48 KiB of utf8mb4, close to
-- the 64 KiB of a TEXT, hence MEDIUMTEXT), and the person's decision once made. Rows recorded
-- before V4 have neither. needs_review turns false when the decision is recorded, so the review
-- indexes only ever serve the rows still waiting. One ALTER: MariaDB commits DDL statement by
-- statement.
ALTER TABLE ${prefix}inbox
  ADD COLUMN subject TEXT,
  ADD COLUMN reply_text MEDIUMTEXT,
  ADD COLUMN reviewed_at DATETIME(6),
  ADD COLUMN review_outcome VARCHAR(32);
-- A client's own queue: its rows waiting, oldest first.
CREATE INDEX ${prefix}inbox_subscriber_review_idx
  ON ${prefix}inbox (subscriber, needs_review, received_at, seq);
