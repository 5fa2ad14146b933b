-- DispatchKit schema, H2. ${prefix} is the table prefix (default dispatchkit_).
-- H2 compares strings in Java order by default; texts of any length are CLOBs.

CREATE TABLE ${prefix}work_order (
  subscriber           VARCHAR(64) NOT NULL,
  tracking_number      VARCHAR(12) NOT NULL,
  provider             VARCHAR(64) NOT NULL,
  site_name            VARCHAR(200) NOT NULL,
  site_address         VARCHAR(500) NOT NULL,
  site_phone           VARCHAR(40) NOT NULL,
  site_zone            VARCHAR(64) NOT NULL,
  problem_trade        VARCHAR(100) NOT NULL,
  problem_description  VARCHAR(200) NOT NULL,
  problem_details      CHARACTER LARGE OBJECT NOT NULL,
  priority             VARCHAR(16) NOT NULL,
  nte_amount           NUMERIC(19,4) NOT NULL,
  nte_currency         CHAR(3) NOT NULL,
  expected_local       TIMESTAMP NOT NULL,
  expected_offset      INTEGER NOT NULL,
  expected_at          TIMESTAMP WITH TIME ZONE NOT NULL,
  status_primary       VARCHAR(16) NOT NULL,
  status_extended      VARCHAR(32) NOT NULL,
  contacts             CHARACTER LARGE OBJECT NOT NULL,
  notes                CHARACTER LARGE OBJECT NOT NULL,
  attachments          CHARACTER LARGE OBJECT NOT NULL,
  reschedule_count     INTEGER NOT NULL,
  dispatch_message_id  VARCHAR(250),
  version              BIGINT NOT NULL,
  dispatched_at        TIMESTAMP WITH TIME ZONE NOT NULL,
  accepted_at          TIMESTAMP WITH TIME ZONE,
  checked_in_at        TIMESTAMP WITH TIME ZONE,
  decline_reason       VARCHAR(32),
  decline_text         CHARACTER LARGE OBJECT,
  decline_at           TIMESTAMP WITH TIME ZONE,
  nte_request_amount   NUMERIC(19,4),
  nte_request_currency CHAR(3),
  nte_request_reason   CHARACTER LARGE OBJECT,
  nte_request_at       TIMESTAMP WITH TIME ZONE,
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
  subscriber      VARCHAR(64) NOT NULL,
  tracking_number VARCHAR(12) NOT NULL,
  version         BIGINT NOT NULL,
  kind            VARCHAR(40) NOT NULL,
  occurred_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  payload         CHARACTER LARGE OBJECT NOT NULL,
  CONSTRAINT ${prefix}event_pk PRIMARY KEY (seq)
);
CREATE INDEX ${prefix}event_order_idx ON ${prefix}event (subscriber, tracking_number, seq);

CREATE TABLE ${prefix}dispatch (
  dispatch_id     BIGINT NOT NULL,
  subscriber      VARCHAR(64) NOT NULL,
  tracking_number VARCHAR(12) NOT NULL,
  provider        VARCHAR(64) NOT NULL,
  message_id      VARCHAR(250) NOT NULL,
  queued_at       TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}dispatch_pk PRIMARY KEY (dispatch_id),
  CONSTRAINT ${prefix}dispatch_message_uq UNIQUE (message_id)
);

CREATE TABLE ${prefix}inbox (
  dedup_hash      CHAR(64) NOT NULL,
  dedup_key       CHARACTER LARGE OBJECT NOT NULL,
  message_id      CHARACTER LARGE OBJECT,
  sender          CHARACTER LARGE OBJECT,
  received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
  intent          VARCHAR(32) NOT NULL,
  reason          CHARACTER LARGE OBJECT NOT NULL,
  subscriber      VARCHAR(64),
  tracking_number VARCHAR(12),
  outcome         CHARACTER LARGE OBJECT NOT NULL,
  needs_review    BOOLEAN NOT NULL,
  seq             BIGINT GENERATED ALWAYS AS IDENTITY,
  CONSTRAINT ${prefix}inbox_pk PRIMARY KEY (dedup_hash)
);
CREATE INDEX ${prefix}inbox_review_idx ON ${prefix}inbox (needs_review, received_at, seq);

CREATE TABLE ${prefix}outbox (
  id              VARCHAR(255) NOT NULL,
  message_id      CHARACTER LARGE OBJECT NOT NULL,
  kind            VARCHAR(32) NOT NULL,
  mail_from       CHARACTER LARGE OBJECT NOT NULL,
  reply_to        CHARACTER LARGE OBJECT,
  recipients      CHARACTER LARGE OBJECT NOT NULL,
  subject         CHARACTER LARGE OBJECT NOT NULL,
  text_body       CHARACTER LARGE OBJECT NOT NULL,
  html_body       CHARACTER LARGE OBJECT,
  envelope_from   CHARACTER LARGE OBJECT,
  in_reply_to     CHARACTER LARGE OBJECT,
  headers         CHARACTER LARGE OBJECT NOT NULL,
  state           VARCHAR(16) NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
  last_error      CHARACTER LARGE OBJECT,
  sent_at         TIMESTAMP WITH TIME ZONE,
  seq             BIGINT GENERATED ALWAYS AS IDENTITY,
  CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (id)
);
CREATE INDEX ${prefix}outbox_due_idx ON ${prefix}outbox (state, next_attempt_at, seq);

CREATE TABLE ${prefix}preference (
  subscriber       VARCHAR(64) NOT NULL,
  provider         VARCHAR(64) NOT NULL,
  dispatch_address VARCHAR(254) NOT NULL,
  allowed_senders  CHARACTER LARGE OBJECT NOT NULL,
  language         VARCHAR(35) NOT NULL,
  client_address   VARCHAR(254) NOT NULL,
  address_failing  BOOLEAN NOT NULL,
  CONSTRAINT ${prefix}preference_pk PRIMARY KEY (subscriber, provider)
);

CREATE TABLE ${prefix}once_mark (
  mark_hash CHAR(64) NOT NULL,
  scope     CHARACTER LARGE OBJECT NOT NULL,
  mark_key  CHARACTER LARGE OBJECT NOT NULL,
  marked_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT ${prefix}once_mark_pk PRIMARY KEY (mark_hash)
);

CREATE TABLE ${prefix}attachment (
  id           VARCHAR(64) NOT NULL,
  file_name    VARCHAR(200) NOT NULL,
  content_type VARCHAR(255) NOT NULL,
  size_bytes   BIGINT NOT NULL,
  sha256       CHAR(64) NOT NULL,
  content      BINARY LARGE OBJECT NOT NULL,
  CONSTRAINT ${prefix}attachment_pk PRIMARY KEY (id)
);
