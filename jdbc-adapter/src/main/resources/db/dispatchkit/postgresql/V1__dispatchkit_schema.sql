-- DispatchKit schema, PostgreSQL. ${prefix} is the table prefix (default dispatchkit_).
-- Identifiers compare with COLLATE "C": byte order, the order the in-memory store uses.

CREATE TABLE ${prefix}work_order (
  subscriber           VARCHAR(64) COLLATE "C" NOT NULL,
  tracking_number      VARCHAR(12) COLLATE "C" NOT NULL,
  provider             VARCHAR(64) COLLATE "C" NOT NULL,
  site_name            VARCHAR(200) NOT NULL,
  site_address         VARCHAR(500) NOT NULL,
  site_phone           VARCHAR(40) NOT NULL,
  site_zone            VARCHAR(64) NOT NULL,
  problem_trade        VARCHAR(100) NOT NULL,
  problem_description  VARCHAR(200) NOT NULL,
  problem_details      TEXT NOT NULL,
  priority             VARCHAR(16) NOT NULL,
  nte_amount           NUMERIC(19,4) NOT NULL,
  nte_currency         CHAR(3) NOT NULL,
  expected_local       TIMESTAMP NOT NULL,
  expected_offset      INTEGER NOT NULL,
  expected_at          TIMESTAMPTZ NOT NULL,
  status_primary       VARCHAR(16) NOT NULL,
  status_extended      VARCHAR(32) NOT NULL,
  contacts             TEXT NOT NULL,
  notes                TEXT NOT NULL,
  attachments          TEXT NOT NULL,
  reschedule_count     INTEGER NOT NULL,
  dispatch_message_id  VARCHAR(250),
  version              BIGINT NOT NULL,
  dispatched_at        TIMESTAMPTZ NOT NULL,
  accepted_at          TIMESTAMPTZ,
  checked_in_at        TIMESTAMPTZ,
  decline_reason       VARCHAR(32),
  decline_text         TEXT,
  decline_at           TIMESTAMPTZ,
  nte_request_amount   NUMERIC(19,4),
  nte_request_currency CHAR(3),
  nte_request_reason   TEXT,
  nte_request_at       TIMESTAMPTZ,
  CONSTRAINT ${prefix}work_order_pk PRIMARY KEY (subscriber, tracking_number)
);
CREATE INDEX ${prefix}work_order_tracking_idx ON ${prefix}work_order (tracking_number, subscriber);
CREATE INDEX ${prefix}work_order_subscriber_idx ON ${prefix}work_order (subscriber, expected_at);
CREATE INDEX ${prefix}work_order_provider_idx ON ${prefix}work_order (provider, expected_at);
CREATE INDEX ${prefix}work_order_site_idx ON ${prefix}work_order (site_name, expected_at);
CREATE INDEX ${prefix}work_order_status_idx ON ${prefix}work_order (status_primary, status_extended, expected_at);
CREATE INDEX ${prefix}work_order_expected_idx ON ${prefix}work_order (expected_at);

CREATE TABLE ${prefix}event (
  seq             BIGINT GENERATED ALWAYS AS IDENTITY,
  subscriber      VARCHAR(64) COLLATE "C" NOT NULL,
  tracking_number VARCHAR(12) COLLATE "C" NOT NULL,
  version         BIGINT NOT NULL,
  kind            VARCHAR(40) NOT NULL,
  occurred_at     TIMESTAMPTZ NOT NULL,
  payload         TEXT NOT NULL,
  CONSTRAINT ${prefix}event_pk PRIMARY KEY (seq)
);
CREATE INDEX ${prefix}event_order_idx ON ${prefix}event (subscriber, tracking_number, seq);

CREATE TABLE ${prefix}dispatch (
  dispatch_id     BIGINT NOT NULL,
  subscriber      VARCHAR(64) COLLATE "C" NOT NULL,
  tracking_number VARCHAR(12) COLLATE "C" NOT NULL,
  provider        VARCHAR(64) COLLATE "C" NOT NULL,
  message_id      VARCHAR(250) COLLATE "C" NOT NULL,
  queued_at       TIMESTAMPTZ NOT NULL,
  CONSTRAINT ${prefix}dispatch_pk PRIMARY KEY (dispatch_id),
  CONSTRAINT ${prefix}dispatch_message_uq UNIQUE (message_id)
);

CREATE TABLE ${prefix}inbox (
  dedup_hash      CHAR(64) NOT NULL,
  dedup_key       TEXT NOT NULL,
  message_id      TEXT,
  sender          TEXT,
  received_at     TIMESTAMPTZ NOT NULL,
  intent          VARCHAR(32) NOT NULL,
  reason          TEXT NOT NULL,
  subscriber      VARCHAR(64) COLLATE "C",
  tracking_number VARCHAR(12) COLLATE "C",
  outcome         TEXT NOT NULL,
  needs_review    BOOLEAN NOT NULL,
  seq             BIGINT GENERATED ALWAYS AS IDENTITY,
  CONSTRAINT ${prefix}inbox_pk PRIMARY KEY (dedup_hash)
);
CREATE INDEX ${prefix}inbox_review_idx ON ${prefix}inbox (needs_review, received_at, seq);

CREATE TABLE ${prefix}outbox (
  id              VARCHAR(255) COLLATE "C" NOT NULL,
  message_id      TEXT NOT NULL,
  kind            VARCHAR(32) NOT NULL,
  mail_from       TEXT NOT NULL,
  reply_to        TEXT,
  recipients      TEXT NOT NULL,
  subject         TEXT NOT NULL,
  text_body       TEXT NOT NULL,
  html_body       TEXT,
  envelope_from   TEXT,
  in_reply_to     TEXT,
  headers         TEXT NOT NULL,
  state           VARCHAR(16) NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at TIMESTAMPTZ NOT NULL,
  last_error      TEXT,
  sent_at         TIMESTAMPTZ,
  seq             BIGINT GENERATED ALWAYS AS IDENTITY,
  CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (id)
);
CREATE INDEX ${prefix}outbox_due_idx ON ${prefix}outbox (state, next_attempt_at, seq);

CREATE TABLE ${prefix}preference (
  subscriber       VARCHAR(64) COLLATE "C" NOT NULL,
  provider         VARCHAR(64) COLLATE "C" NOT NULL,
  dispatch_address VARCHAR(254) NOT NULL,
  allowed_senders  TEXT NOT NULL,
  language         VARCHAR(35) NOT NULL,
  client_address   VARCHAR(254) NOT NULL,
  address_failing  BOOLEAN NOT NULL,
  CONSTRAINT ${prefix}preference_pk PRIMARY KEY (subscriber, provider)
);

CREATE TABLE ${prefix}once_mark (
  mark_hash CHAR(64) NOT NULL,
  scope     TEXT NOT NULL,
  mark_key  TEXT NOT NULL,
  marked_at TIMESTAMPTZ NOT NULL,
  CONSTRAINT ${prefix}once_mark_pk PRIMARY KEY (mark_hash)
);

CREATE TABLE ${prefix}attachment (
  id           VARCHAR(64) NOT NULL,
  file_name    VARCHAR(200) NOT NULL,
  content_type VARCHAR(255) NOT NULL,
  size_bytes   BIGINT NOT NULL,
  sha256       CHAR(64) NOT NULL,
  content      BYTEA NOT NULL,
  CONSTRAINT ${prefix}attachment_pk PRIMARY KEY (id)
);
