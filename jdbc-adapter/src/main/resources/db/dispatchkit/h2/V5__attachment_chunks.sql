-- DispatchKit schema V5 (h2): attachment content in chunks (a MiB each as written), one row each, so
-- that content is written and read a chunk at a time: a driver materialises a binary value whole
-- (PostgreSQL's even as hex text), which a 50 MB photo cannot afford. Content stored before V5
-- becomes the single chunk 0 of its attachment, readable as before; the one-value column goes.
CREATE TABLE ${prefix}attachment_chunk (
  attachment_id VARCHAR(64) NOT NULL,
  seq           INTEGER NOT NULL,
  data          BINARY LARGE OBJECT NOT NULL,
  CONSTRAINT ${prefix}attachment_chunk_pk PRIMARY KEY (attachment_id, seq)
);

-- Empty content has no chunk: its size says so.
INSERT INTO ${prefix}attachment_chunk (attachment_id, seq, data)
  SELECT id, 0, content FROM ${prefix}attachment WHERE size_bytes > 0;

ALTER TABLE ${prefix}attachment DROP COLUMN content;
