-- DispatchKit schema, MariaDB 10.6 or later. Instants are DATETIME(6) in UTC. ${prefix} is the table prefix (default dispatchkit_).
-- Every text compares by code point and without padding (utf8mb4_nopad_bin): exact matches only.

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
  problem_details      LONGTEXT NOT NULL,
  priority             VARCHAR(16) NOT NULL,
  nte_amount           DECIMAL(19,4) NOT NULL,
  nte_currency         CHAR(3) NOT NULL,
  expected_local       DATETIME(6) NOT NULL,
  expected_offset      INTEGER NOT NULL,
  expected_at          DATETIME(6) NOT NULL,
  status_primary       VARCHAR(16) NOT NULL,
  status_extended      VARCHAR(32) NOT NULL,
  contacts             LONGTEXT NOT NULL,
  notes                LONGTEXT NOT NULL,
  attachments          LONGTEXT NOT NULL,
  reschedule_count     INTEGER NOT NULL,
  dispatch_message_id  VARCHAR(250),
  version              BIGINT NOT NULL,
  dispatched_at        DATETIME(6) NOT NULL,
  accepted_at          DATETIME(6),
  checked_in_at        DATETIME(6),
  decline_reason       VARCHAR(32),
  decline_text         LONGTEXT,
  decline_at           DATETIME(6),
  nte_request_amount   DECIMAL(19,4),
  nte_request_currency CHAR(3),
  nte_request_reason   LONGTEXT,
  nte_request_at       DATETIME(6),
  CONSTRAINT ${prefix}work_order_pk PRIMARY KEY (subscriber, tracking_number)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ${prefix}work_order_tracking_idx ON ${prefix}work_order (tracking_number, subscriber);
CREATE INDEX ${prefix}work_order_subscriber_idx ON ${prefix}work_order (subscriber, expected_at);
CREATE INDEX ${prefix}work_order_provider_idx ON ${prefix}work_order (provider, expected_at);
CREATE INDEX ${prefix}work_order_site_idx ON ${prefix}work_order (site_name, expected_at);
CREATE INDEX ${prefix}work_order_status_idx ON ${prefix}work_order (status_primary, status_extended, expected_at);
CREATE INDEX ${prefix}work_order_expected_idx ON ${prefix}work_order (expected_at);

CREATE TABLE ${prefix}event (
  seq             BIGINT NOT NULL AUTO_INCREMENT,
  subscriber      VARCHAR(64) NOT NULL,
  tracking_number VARCHAR(12) NOT NULL,
  version         BIGINT NOT NULL,
  kind            VARCHAR(40) NOT NULL,
  occurred_at     DATETIME(6) NOT NULL,
  payload         LONGTEXT NOT NULL,
  CONSTRAINT ${prefix}event_pk PRIMARY KEY (seq)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ${prefix}event_order_idx ON ${prefix}event (subscriber, tracking_number, seq);

CREATE TABLE ${prefix}dispatch (
  dispatch_id     BIGINT NOT NULL,
  subscriber      VARCHAR(64) NOT NULL,
  tracking_number VARCHAR(12) NOT NULL,
  provider        VARCHAR(64) NOT NULL,
  message_id      VARCHAR(250) NOT NULL,
  queued_at       DATETIME(6) NOT NULL,
  CONSTRAINT ${prefix}dispatch_pk PRIMARY KEY (dispatch_id),
  CONSTRAINT ${prefix}dispatch_message_uq UNIQUE (message_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE ${prefix}inbox (
  dedup_hash      CHAR(64) NOT NULL,
  dedup_key       LONGTEXT NOT NULL,
  message_id      LONGTEXT,
  sender          LONGTEXT,
  received_at     DATETIME(6) NOT NULL,
  intent          VARCHAR(32) NOT NULL,
  reason          LONGTEXT NOT NULL,
  subscriber      VARCHAR(64),
  tracking_number VARCHAR(12),
  outcome         LONGTEXT NOT NULL,
  needs_review    BOOLEAN NOT NULL,
  seq             BIGINT NOT NULL AUTO_INCREMENT UNIQUE,
  CONSTRAINT ${prefix}inbox_pk PRIMARY KEY (dedup_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ${prefix}inbox_review_idx ON ${prefix}inbox (needs_review, received_at, seq);

CREATE TABLE ${prefix}outbox (
  id              VARCHAR(255) NOT NULL,
  message_id      LONGTEXT NOT NULL,
  kind            VARCHAR(32) NOT NULL,
  mail_from       LONGTEXT NOT NULL,
  reply_to        LONGTEXT,
  recipients      LONGTEXT NOT NULL,
  subject         LONGTEXT NOT NULL,
  text_body       LONGTEXT NOT NULL,
  html_body       LONGTEXT,
  envelope_from   LONGTEXT,
  in_reply_to     LONGTEXT,
  headers         LONGTEXT NOT NULL,
  state           VARCHAR(16) NOT NULL,
  attempts        INTEGER NOT NULL,
  next_attempt_at DATETIME(6) NOT NULL,
  last_error      LONGTEXT,
  sent_at         DATETIME(6),
  seq             BIGINT NOT NULL AUTO_INCREMENT UNIQUE,
  CONSTRAINT ${prefix}outbox_pk PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
CREATE INDEX ${prefix}outbox_due_idx ON ${prefix}outbox (state, next_attempt_at, seq);

CREATE TABLE ${prefix}preference (
  subscriber       VARCHAR(64) NOT NULL,
  provider         VARCHAR(64) NOT NULL,
  dispatch_address VARCHAR(254) NOT NULL,
  allowed_senders  LONGTEXT NOT NULL,
  language         VARCHAR(35) NOT NULL,
  client_address   VARCHAR(254) NOT NULL,
  address_failing  BOOLEAN NOT NULL,
  CONSTRAINT ${prefix}preference_pk PRIMARY KEY (subscriber, provider)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE ${prefix}once_mark (
  mark_hash CHAR(64) NOT NULL,
  scope     LONGTEXT NOT NULL,
  mark_key  LONGTEXT NOT NULL,
  marked_at DATETIME(6) NOT NULL,
  CONSTRAINT ${prefix}once_mark_pk PRIMARY KEY (mark_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;

CREATE TABLE ${prefix}attachment (
  id           VARCHAR(64) NOT NULL,
  file_name    VARCHAR(200) NOT NULL,
  content_type VARCHAR(255) NOT NULL,
  size_bytes   BIGINT NOT NULL,
  sha256       CHAR(64) NOT NULL,
  content      LONGBLOB NOT NULL,
  CONSTRAINT ${prefix}attachment_pk PRIMARY KEY (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_nopad_bin;
