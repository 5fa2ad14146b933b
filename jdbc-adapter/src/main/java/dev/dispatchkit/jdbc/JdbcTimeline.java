package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.SqlSession.decode;
import static dev.dispatchkit.jdbc.SqlSession.micros;

import dev.dispatchkit.spi.Timeline;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.List;

/** The timelines of one {@link JdbcTransaction}, in the event table. */
final class JdbcTimeline implements Timeline {
  private final SqlSession sql;
  private final SqlDialect dialect;
  private final Tables tables;

  JdbcTimeline(SqlSession sql) {
    this.sql = sql;
    this.dialect = sql.dialect;
    this.tables = sql.tables;
  }

  private static final StatementTexts<Tables> APPEND_SQL =
      StatementTexts.perPrefix(
          t ->
              "INSERT INTO "
                  + t.event()
                  + " (subscriber, tracking_number, version, kind, occurred_at, payload)"
                  + " VALUES (?, ?, ?, ?, ?, ?)");

  /** Deferred (see {@link DeferredWrites}): it goes with the transaction's next statement. */
  @Override
  public void append(WorkOrderKey key, WorkOrderEvent event) {
    String payload = Codec.event(event);
    sql.defer(
        "append to the timeline of",
        key,
        APPEND_SQL.of(tables),
        s -> {
          s.setString(1, key.subscriber().value());
          s.setString(2, key.trackingNumber().value());
          s.setLong(3, event.version());
          s.setString(4, Codec.tag(event));
          dialect.setInstant(s, 5, micros(event.at()));
          s.setString(6, payload);
        },
        false,
        DeferredWrites.Check.ANY);
  }

  @Override
  public List<WorkOrderEvent> events(WorkOrderKey key) {
    return sql.call(
        "read the timeline of",
        key,
        () -> {
          JdbcWorkOrders.BoundSql read = eventsQuery(key);
          return sql.query(
              read.sql(),
              read.binder(),
              rows -> decode("event", () -> Codec.event(rows.getString("payload"))));
        });
  }

  /** The statement of {@link #events}; package-private so that the plan test explains it. */
  JdbcWorkOrders.BoundSql eventsQuery(WorkOrderKey key) {
    return new JdbcWorkOrders.BoundSql(
        "SELECT payload FROM "
            + tables.event()
            + " WHERE subscriber = ? AND tracking_number = ? ORDER BY seq",
        s -> {
          s.setString(1, key.subscriber().value());
          s.setString(2, key.trackingNumber().value());
        });
  }
}
