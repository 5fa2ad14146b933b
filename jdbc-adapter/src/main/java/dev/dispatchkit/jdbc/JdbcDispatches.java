package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.SqlSession.decode;
import static dev.dispatchkit.jdbc.SqlSession.micros;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.Dispatches;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The dispatch records of one {@link JdbcTransaction}. */
final class JdbcDispatches implements Dispatches {
  private final SqlSession sql;
  private final SqlDialect dialect;
  private final Tables tables;

  JdbcDispatches(SqlSession sql) {
    this.sql = sql;
    this.dialect = sql.dialect;
    this.tables = sql.tables;
  }

  @Override
  public void record(DispatchRecord dispatch) {
    boolean inserted =
        sql.insertUnlessDuplicateNow(
            "record dispatch",
            dispatch.dispatchId(),
            "INSERT INTO "
                + tables.dispatch()
                + " (dispatch_id, subscriber, tracking_number, provider, message_id,"
                + " queued_at) VALUES (?, ?, ?, ?, ?, ?)",
            s -> {
              s.setLong(1, dispatch.dispatchId());
              s.setString(2, dispatch.key().subscriber().value());
              s.setString(3, dispatch.key().trackingNumber().value());
              s.setString(4, dispatch.provider().value());
              s.setString(5, dispatch.messageId());
              dialect.setInstant(s, 6, micros(dispatch.at()));
            });
    if (!inserted) {
      throw new StoreException(
          "dispatch id "
              + dispatch.dispatchId()
              + " or message id "
              + dispatch.messageId()
              + " is already recorded",
          null);
    }
  }

  @Override
  public Optional<DispatchRecord> find(long dispatchId) {
    return sql.call(
        "read dispatch",
        dispatchId,
        () ->
            sql.queryOne(
                "SELECT * FROM " + tables.dispatch() + " WHERE dispatch_id = ?",
                s -> s.setLong(1, dispatchId),
                this::readDispatch));
  }

  @Override
  public Optional<DispatchRecord> findByMessageId(String messageId) {
    return sql.call(
        "read dispatch by message id",
        () ->
            sql.queryOne(
                "SELECT * FROM " + tables.dispatch() + " WHERE message_id = ?",
                s -> s.setString(1, messageId),
                this::readDispatch));
  }

  private DispatchRecord readDispatch(ResultSet rows) throws SQLException {
    return decode(
        "dispatch",
        () ->
            new DispatchRecord(
                rows.getLong("dispatch_id"),
                new WorkOrderKey(
                    new SubscriberId(rows.getString("subscriber")),
                    new TrackingNumber(rows.getString("tracking_number"))),
                new ProviderId(rows.getString("provider")),
                rows.getString("message_id"),
                sql.instant(rows, "queued_at")));
  }
}
