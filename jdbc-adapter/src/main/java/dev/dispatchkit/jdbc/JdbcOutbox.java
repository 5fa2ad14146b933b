package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.SqlSession.decode;
import static dev.dispatchkit.jdbc.SqlSession.micros;
import static dev.dispatchkit.jdbc.SqlSession.placeholders;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.Outbox;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.OutboxState;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The outbox of one {@link JdbcTransaction}; claims are the dialect's. */
final class JdbcOutbox implements Outbox {
  private final SqlSession sql;
  private final SqlDialect dialect;
  private final Tables tables;

  JdbcOutbox(SqlSession sql) {
    this.sql = sql;
    this.dialect = sql.dialect;
    this.tables = sql.tables;
  }

  private static final StatementTexts<Tables> ENQUEUE_SQL =
      StatementTexts.perPrefix(
          t ->
              "INSERT INTO "
                  + t.outbox()
                  + " (id, message_id, kind, mail_from, reply_to, recipients, subject,"
                  + " text_body, html_body, envelope_from, in_reply_to, headers, state,"
                  + " attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                  + " ?, 'PENDING', 0, ?)");

  /**
   * Deferred (see {@link DeferredWrites}): a taken id fails when the write is sent, at the latest
   * from {@code inTransaction}.
   */
  @Override
  public void enqueue(OutboundMail mail, Instant dueAt) {
    String id = mail.id();
    sql.defer(
        "enqueue mail",
        id,
        ENQUEUE_SQL.of(tables),
        s -> {
          s.setString(1, id);
          s.setString(2, mail.messageId());
          s.setString(3, mail.kind().name());
          s.setString(4, mail.from());
          s.setString(5, mail.replyTo());
          s.setString(6, Fields.strings(mail.to()));
          s.setString(7, mail.subject());
          s.setString(8, mail.textBody());
          s.setString(9, mail.htmlBody());
          s.setString(10, mail.envelopeFrom());
          s.setString(11, mail.inReplyTo());
          s.setString(12, Codec.headers(mail.headers()));
          dialect.setInstant(s, 13, micros(dueAt));
        },
        true,
        DeferredWrites.Check.oneRow(
            () -> new StoreException("outbox id " + id + " is already queued", null)));
  }

  @Override
  public List<OutboxEntry> claimDue(Instant now, Duration lease, int max) {
    if (max < 1) {
      return List.of();
    }
    Instant until = micros(now.plus(lease));
    return sql.call(
        "claim due mail",
        () -> {
          List<String> ids = dialect.claim(sql.connection, tables, micros(now), until, max);
          if (ids.isEmpty()) {
            return List.of();
          }
          Map<String, OutboxEntry> byId = new HashMap<>();
          for (OutboxEntry entry :
              sql.query(
                  "SELECT * FROM "
                      + tables.outbox()
                      + " WHERE id IN ("
                      + placeholders(ids.size())
                      + ")",
                  s -> {
                    for (int i = 0; i < ids.size(); i++) {
                      s.setString(i + 1, ids.get(i));
                    }
                  },
                  this::readOutbox)) {
            byId.put(entry.id(), entry);
          }
          return ids.stream().map(byId::get).toList();
        });
  }

  @Override
  public void markSent(String outboxId, Instant at) {
    changeOutbox(
        "mark mail " + outboxId + " sent",
        "UPDATE " + tables.outbox() + " SET state = 'SENT', sent_at = ? WHERE id = ?",
        s -> {
          dialect.setInstant(s, 1, micros(at));
          s.setString(2, outboxId);
        });
  }

  @Override
  public void markFailed(String outboxId, String error, @Nullable Instant nextAttemptAt) {
    changeOutbox(
        "mark mail " + outboxId + " failed",
        "UPDATE "
            + tables.outbox()
            + " SET attempts = attempts + 1, last_error = ?, state = ?,"
            + " next_attempt_at = COALESCE(?, next_attempt_at) WHERE id = ?",
        s -> {
          s.setString(1, error);
          s.setString(2, nextAttemptAt == null ? "BLOCKED" : "PENDING");
          if (nextAttemptAt == null) {
            s.setNull(3, dialect.instantSqlType());
          } else {
            dialect.setInstant(s, 3, micros(nextAttemptAt));
          }
          s.setString(4, outboxId);
        });
  }

  private void changeOutbox(String what, String statement, SqlDialect.Binder binder) {
    int updated = sql.call(what, () -> sql.update(statement, binder));
    if (updated != 1) {
      throw new StoreException(what + ": no such outbox entry", null);
    }
  }

  @Override
  public Optional<OutboxEntry> find(String outboxId) {
    return sql.call(
        "read outbox entry",
        outboxId,
        () ->
            sql.queryOne(
                "SELECT * FROM " + tables.outbox() + " WHERE id = ?",
                s -> s.setString(1, outboxId),
                this::readOutbox));
  }

  @Override
  public OutboxState state() {
    // One pass over the (state, next_attempt_at, seq) index: a range per state, no mail read.
    return sql.call(
        "read the outbox state",
        () -> {
          long pending = 0;
          long blocked = 0;
          Instant oldest = null;
          for (Object[] row :
              sql.query(
                  "SELECT state, COUNT(*), MIN(next_attempt_at) FROM "
                      + tables.outbox()
                      + " WHERE state IN ('PENDING', 'BLOCKED') GROUP BY state",
                  s -> {},
                  rows ->
                      new Object[] {
                        rows.getString(1), rows.getLong(2), dialect.getInstant(rows, 3)
                      })) {
            if ("PENDING".equals(row[0])) {
              pending = (Long) row[1];
              oldest = (Instant) row[2];
            } else {
              blocked = (Long) row[1];
            }
          }
          return new OutboxState(pending, oldest, blocked);
        });
  }

  @Override
  public List<OutboxEntry> blocked(int max) {
    if (max < 1) {
      return List.of();
    }
    return sql.call(
        "list blocked mail",
        () ->
            sql.query(
                "SELECT * FROM "
                    + tables.outbox()
                    + " WHERE state = 'BLOCKED' ORDER BY next_attempt_at, seq LIMIT ?",
                s -> s.setInt(1, max),
                this::readOutbox));
  }

  @Override
  public boolean release(String outboxId, Instant now) {
    return sql.call(
        "release mail",
        outboxId,
        () ->
            sql.update(
                    "UPDATE "
                        + tables.outbox()
                        + " SET state = 'PENDING', attempts = 0, next_attempt_at = ?"
                        + " WHERE id = ? AND state = 'BLOCKED'",
                    s -> {
                      dialect.setInstant(s, 1, micros(now));
                      s.setString(2, outboxId);
                    })
                == 1);
  }

  private OutboxEntry readOutbox(ResultSet rows) throws SQLException {
    return decode(
        "outbox entry",
        () ->
            new OutboxEntry(
                new OutboundMail(
                    rows.getString("id"),
                    rows.getString("message_id"),
                    MailKind.valueOf(rows.getString("kind")),
                    rows.getString("mail_from"),
                    rows.getString("reply_to"),
                    Fields.strings(rows.getString("recipients")),
                    rows.getString("subject"),
                    rows.getString("text_body"),
                    rows.getString("html_body"),
                    rows.getString("envelope_from"),
                    rows.getString("in_reply_to"),
                    Codec.headers(rows.getString("headers"))),
                OutboxEntry.State.valueOf(rows.getString("state")),
                rows.getInt("attempts"),
                sql.instant(rows, "next_attempt_at"),
                rows.getString("last_error"),
                dialect.getInstant(rows, "sent_at")));
  }
}
