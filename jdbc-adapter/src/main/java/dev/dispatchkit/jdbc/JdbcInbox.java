package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.SqlSession.decode;
import static dev.dispatchkit.jdbc.SqlSession.micros;
import static dev.dispatchkit.jdbc.SqlSession.sha256;

import dev.dispatchkit.error.DuplicateMessageException;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.spi.Inbox;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The inbox of one {@link JdbcTransaction}; rows are keyed by the digest of their dedup key. */
final class JdbcInbox implements Inbox {
  private final SqlSession sql;
  private final SqlDialect dialect;
  private final Tables tables;

  JdbcInbox(SqlSession sql) {
    this.sql = sql;
    this.dialect = sql.dialect;
    this.tables = sql.tables;
  }

  private static final StatementTexts<Tables> RECORD_SQL =
      StatementTexts.perPrefix(
          t ->
              "INSERT INTO "
                  + t.inbox()
                  + " (dedup_hash, dedup_key, message_id, sender, received_at, intent, reason,"
                  + " subscriber, tracking_number, outcome, needs_review, subject, reply_text,"
                  + " reviewed_at, review_outcome)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

  @Override
  public boolean record(InboxRecord record) {
    return sql.insertUnlessDuplicateNow(
        "record inbound message", null, RECORD_SQL.of(tables), binder(record));
  }

  /**
   * Deferred (see {@link DeferredWrites}): it goes with the transaction's next statement or with
   * its last writes, on PostgreSQL with the commit; a duplicate fails it there.
   */
  @Override
  public void recordLast(InboxRecord record) {
    String dedupKey = record.dedupKey();
    sql.defer(
        "record inbound message",
        null,
        RECORD_SQL.of(tables),
        binder(record),
        true,
        DeferredWrites.Check.oneRow(() -> new DuplicateMessageException(dedupKey)));
  }

  private SqlDialect.Binder binder(InboxRecord record) {
    return s -> {
      s.setString(1, sha256(record.dedupKey()));
      s.setString(2, record.dedupKey());
      s.setString(3, record.messageId());
      s.setString(4, record.from());
      dialect.setInstant(s, 5, micros(record.receivedAt()));
      s.setString(6, record.intent().name());
      s.setString(7, record.reason());
      WorkOrderKey key = record.key();
      s.setString(8, key == null ? null : key.subscriber().value());
      s.setString(9, key == null ? null : key.trackingNumber().value());
      s.setString(10, record.outcome());
      s.setBoolean(11, record.needsReview());
      s.setString(12, record.subject());
      s.setString(13, record.text());
      sql.setNullableInstant(s, 14, record.reviewedAt());
      s.setString(15, record.reviewOutcome());
    };
  }

  @Override
  public Optional<InboxRecord> find(String dedupKey) {
    return sql.call(
        "read inbound message",
        () ->
            sql.queryOne(
                    "SELECT * FROM " + tables.inbox() + " WHERE dedup_hash = ?",
                    s -> s.setString(1, sha256(dedupKey)),
                    this::readInbound)
                .filter(r -> r.dedupKey().equals(dedupKey)));
  }

  @Override
  public List<InboxRecord> needingReview(int max) {
    if (max < 1) {
      return List.of();
    }
    return sql.call(
        "list inbound messages needing review",
        () ->
            sql.query(
                "SELECT * FROM "
                    + tables.inbox()
                    + " WHERE needs_review = ? ORDER BY received_at, seq LIMIT ?",
                s -> {
                  s.setBoolean(1, true);
                  s.setInt(2, max);
                },
                this::readInbound));
  }

  @Override
  public List<InboxRecord> needingReview(SubscriberId subscriber, int max) {
    if (max < 1) {
      return List.of();
    }
    JdbcWorkOrders.BoundSql queue = subscriberQueue(subscriber, max);
    return sql.call(
        "list inbound messages needing review",
        subscriber,
        () -> sql.query(queue.sql(), queue.binder(), this::readInbound));
  }

  /** One subscriber's review queue, as the store runs it; PostgresPlanTest explains it. */
  JdbcWorkOrders.BoundSql subscriberQueue(SubscriberId subscriber, int max) {
    return new JdbcWorkOrders.BoundSql(
        "SELECT * FROM "
            + tables.inbox()
            + " WHERE subscriber = ? AND needs_review = ? ORDER BY received_at, seq LIMIT ?",
        s -> {
          s.setString(1, subscriber.value());
          s.setBoolean(2, true);
          s.setInt(3, max);
        });
  }

  @Override
  public boolean markReviewed(String dedupKey, String outcome, Instant at) {
    // The condition on needs_review is the compare-and-set: a second transaction blocks on the
    // row lock of the first, then finds the condition false and updates nothing.
    return sql.call(
        "mark inbound message reviewed",
        () ->
            sql.update(
                    "UPDATE "
                        + tables.inbox()
                        + " SET needs_review = ?, reviewed_at = ?, review_outcome = ?"
                        + " WHERE dedup_hash = ? AND needs_review = ?",
                    s -> {
                      s.setBoolean(1, false);
                      dialect.setInstant(s, 2, micros(at));
                      s.setString(3, outcome);
                      s.setString(4, sha256(dedupKey));
                      s.setBoolean(5, true);
                    })
                == 1);
  }

  private InboxRecord readInbound(ResultSet rows) throws SQLException {
    String subscriber = rows.getString("subscriber");
    String tracking = rows.getString("tracking_number");
    return decode(
        "inbound message",
        () ->
            new InboxRecord(
                rows.getString("dedup_key"),
                rows.getString("message_id"),
                rows.getString("sender"),
                sql.instant(rows, "received_at"),
                Intent.valueOf(rows.getString("intent")),
                rows.getString("reason"),
                subscriber == null || tracking == null
                    ? null
                    : new WorkOrderKey(new SubscriberId(subscriber), new TrackingNumber(tracking)),
                rows.getString("outcome"),
                rows.getBoolean("needs_review"),
                rows.getString("subject"),
                rows.getString("reply_text"),
                dialect.getInstant(rows, "reviewed_at"),
                rows.getString("review_outcome")));
  }
}
