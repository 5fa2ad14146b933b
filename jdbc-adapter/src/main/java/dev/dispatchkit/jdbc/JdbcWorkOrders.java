package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.SqlSession.placeholders;
import static dev.dispatchkit.jdbc.WorkOrderRows.ORDER_COLUMNS;
import static dev.dispatchkit.jdbc.WorkOrderRows.ORDER_SELECT;
import static dev.dispatchkit.jdbc.WorkOrderRows.ORDER_SELECT_LIST;

import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.error.DuplicateWorkOrderException;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.spi.WorkOrders;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The work orders of one {@link JdbcTransaction}. */
final class JdbcWorkOrders implements WorkOrders {
  private final SqlSession sql;
  private final SqlDialect dialect;
  private final Tables tables;
  private final WorkOrderConditions conditions;

  /**
   * The work orders as this transaction last read or wrote them, by key: what {@link #update}
   * compares with to write only the columns that changed.
   */
  private final Map<WorkOrderKey, WorkOrder> seen = new HashMap<>();

  /** Whether {@link SqlDialect#beforeFlagQuery} ran in this transaction: once is enough. */
  private boolean readyForFlags;

  JdbcWorkOrders(SqlSession sql) {
    this.sql = sql;
    this.dialect = sql.dialect;
    this.tables = sql.tables;
    this.conditions = new WorkOrderConditions(sql.dialect);
  }

  @Override
  public Optional<WorkOrder> find(WorkOrderKey key) {
    return sql.call(
        "find work order",
        key,
        () ->
            sql.queryOne(
                findSql(),
                s -> {
                  s.setString(1, key.subscriber().value());
                  s.setString(2, key.trackingNumber().value());
                },
                this::readOrder));
  }

  /** The statement of {@link #find}, one text per table prefix. */
  private static final StatementTexts<Tables> FIND_SQL =
      StatementTexts.perPrefix(
          t ->
              "SELECT "
                  + ORDER_SELECT_LIST
                  + " FROM "
                  + t.workOrder()
                  + " WHERE subscriber = ? AND tracking_number = ?");

  private String findSql() {
    return FIND_SQL.of(tables);
  }

  @Override
  public List<WorkOrder> findByTrackingNumber(TrackingNumber trackingNumber) {
    return sql.call(
        "find work orders",
        trackingNumber,
        () -> {
          BoundSql lookup = trackingNumberLookup(trackingNumber);
          return sql.query(lookup.sql(), lookup.binder(), this::readOrder);
        });
  }

  /**
   * A statement with its parameters. Package-private so that the plan test explains exactly what
   * the store runs.
   */
  record BoundSql(String sql, SqlDialect.Binder binder) {}

  /** The statement of {@link #findByTrackingNumber}. */
  BoundSql trackingNumberLookup(TrackingNumber trackingNumber) {
    return new BoundSql(
        "SELECT "
            + ORDER_SELECT_LIST
            + " FROM "
            + tables.workOrder()
            + " WHERE tracking_number = ? ORDER BY subscriber",
        s -> s.setString(1, trackingNumber.value()));
  }

  @Override
  public void insert(WorkOrder order) {
    boolean inserted =
        sql.insertUnlessDuplicateNow(
            "insert work order",
            order.key(),
            "INSERT INTO "
                + tables.workOrder()
                + " ("
                + ORDER_SELECT_LIST
                + ") VALUES ("
                + placeholders(ORDER_SELECT.size())
                + ")",
            s -> {
              s.setString(1, order.subscriber().value());
              s.setString(2, order.trackingNumber().value());
              int index = 3;
              for (WorkOrderRows.OrderColumn column : ORDER_COLUMNS) {
                column.binder().bind(sql, s, index++, order);
              }
            });
    if (!inserted) {
      throw new DuplicateWorkOrderException(order.key());
    }
    seen.put(order.key(), order);
  }

  /**
   * Writes the columns whose value differs from the work order as this transaction read it (all of
   * them when it did not read it, or read another version), and always the version. The write is
   * deferred (see {@link DeferredWrites}): a stale version throws when it is sent, at the latest
   * from {@code inTransaction}. The version check makes that safe: the row still holds what was
   * read, since every write moves the version. A reply thus rewrites its note list and version
   * instead of some thirty columns, and nothing unchanged is encoded again.
   */
  @Override
  public void update(WorkOrder order, long expectedVersion) {
    WorkOrder before = seen.get(order.key());
    List<WorkOrderRows.OrderColumn> changed;
    long columns;
    if (before == null || before.version() != expectedVersion) {
      changed = ORDER_COLUMNS;
      columns = ALL_COLUMNS;
    } else {
      changed = new ArrayList<>();
      columns = 0;
      for (int i = 0; i < ORDER_COLUMNS.size(); i++) {
        WorkOrderRows.OrderColumn column = ORDER_COLUMNS.get(i);
        if (i == VERSION_COLUMN || column.changed(before, order)) {
          changed.add(column);
          columns |= 1L << i;
        }
      }
    }
    WorkOrderKey key = order.key();
    sql.defer(
        "update work order",
        key,
        UPDATE_SQL.of(new ChangedColumns(tables, columns)),
        s -> {
          int index = 1;
          for (WorkOrderRows.OrderColumn column : changed) {
            column.binder().bind(sql, s, index++, order);
          }
          s.setString(index, order.subscriber().value());
          s.setString(index + 1, order.trackingNumber().value());
          s.setLong(index + 2, expectedVersion);
        },
        false,
        DeferredWrites.Check.oneRow(
            () -> {
              seen.remove(key);
              return new ConcurrentUpdateException(key, expectedVersion);
            }));
    // As if written: the next update in this transaction compares with it, and the version check
    // of that one fails too if this one does.
    seen.put(key, order);
  }

  /** Which columns an update writes: bit {@code i} for column {@code i} of ORDER_COLUMNS. */
  private record ChangedColumns(Tables tables, long columns) {}

  private static final int VERSION_COLUMN =
      ORDER_COLUMNS.stream().map(WorkOrderRows.OrderColumn::name).toList().indexOf("version");

  private static final long ALL_COLUMNS = (1L << ORDER_COLUMNS.size()) - 1;

  static {
    if (ORDER_COLUMNS.size() > Long.SIZE - 1) {
      throw new IllegalStateException("an update's column set no longer fits in a long");
    }
  }

  /**
   * The update of each set of changed columns, per table prefix: a reply writes the same two
   * columns every time.
   */
  private static final StatementTexts<ChangedColumns> UPDATE_SQL =
      new StatementTexts<>(
          1024,
          c -> {
            StringBuilder text =
                new StringBuilder("UPDATE ").append(c.tables().workOrder()).append(" SET ");
            boolean first = true;
            for (int i = 0; i < ORDER_COLUMNS.size(); i++) {
              if ((c.columns() & (1L << i)) != 0) {
                text.append(first ? "" : ", ").append(ORDER_COLUMNS.get(i).name()).append(" = ?");
                first = false;
              }
            }
            return text.append(" WHERE subscriber = ? AND tracking_number = ? AND version = ?")
                .toString();
          });

  @Override
  public WorkOrderPage list(WorkOrderQuery query) {
    return sql.call(
        "list work orders",
        () -> {
          readyFor(query);
          BoundSql count = listCount(query);
          long counted =
              sql.queryOne(count.sql(), count.binder(), rows -> rows.getLong(1)).orElse(0L);
          return WorkOrderPage.counted(readPage(query), counted, query);
        });
  }

  /** The page alone: no count, which costs as much as reading every match. */
  @Override
  public List<WorkOrder> listItems(WorkOrderQuery query) {
    return sql.call(
        "list work orders",
        () -> {
          readyFor(query);
          return readPage(query);
        });
  }

  /** The page: a scan by flag alone through the dialect, which may steer its plan. */
  private List<WorkOrder> readPage(WorkOrderQuery query) throws SQLException {
    BoundSql page = listPage(query);
    boolean byFlagAlone =
        !query.flags().isEmpty()
            && query.subscriber() == null
            && query.provider() == null
            && query.siteName() == null;
    return byFlagAlone
        ? dialect.scanByFlag(sql, page.sql(), page.binder(), this::readOrder)
        : sql.query(page.sql(), page.binder(), this::readOrder);
  }

  private void readyFor(WorkOrderQuery query) throws SQLException {
    if (!query.flags().isEmpty() && !readyForFlags) {
      dialect.beforeFlagQuery(sql);
      readyForFlags = true;
    }
  }

  /**
   * The statement that counts the matches of {@link #list}: every one, or under a cap the first
   * {@code cap + 1} only, in a derived table whose LIMIT stops the scan there (one past the cap
   * tells "exactly the cap" from "more").
   */
  BoundSql listCount(WorkOrderQuery query) {
    List<WorkOrderConditions.Param> values = new ArrayList<>();
    String where = conditions.where(query, values);
    if (query.countsEveryMatch()) {
      return new BoundSql(
          "SELECT COUNT(*) FROM " + tables.workOrder() + where,
          s -> WorkOrderConditions.bindAll(s, values));
    }
    long upTo = query.countCap() + 1L;
    return new BoundSql(
        "SELECT COUNT(*) FROM (SELECT 1 AS one FROM "
            + tables.workOrder()
            + where
            + " LIMIT ?) capped",
        s -> {
          int next = WorkOrderConditions.bindAll(s, values);
          s.setLong(next, upTo);
        });
  }

  /** The statement that reads the page of {@link #list}. */
  BoundSql listPage(WorkOrderQuery query) {
    List<WorkOrderConditions.Param> values = new ArrayList<>();
    String where = conditions.where(query, values);
    boolean ascending = query.sort() == WorkOrderQuery.Sort.EXPECTED_DATE_ASC;
    WorkOrderQuery.After after = query.after();
    if (after != null) {
      where = (where.isEmpty() ? " WHERE " : where + " AND ") + after(after, ascending, values);
    }
    String order = ascending ? "expected_at ASC" : "expected_at DESC";
    return new BoundSql(
        "SELECT "
            + ORDER_SELECT_LIST
            + " FROM "
            + tables.workOrder()
            + where
            + " ORDER BY "
            + order
            + ", subscriber, CHAR_LENGTH(tracking_number), tracking_number"
            + " LIMIT ? OFFSET ?",
        s -> {
          int next = WorkOrderConditions.bindAll(s, values);
          s.setInt(next, query.limit());
          s.setInt(next + 1, query.offset());
        });
  }

  /**
   * The keyset condition "after this position" in the list's order, spelled out column by column
   * (not as a row comparison), behind a bound on the expected date alone: the bound is implied by
   * the rest, but a planner uses it as the start of an index range, where it would otherwise read
   * every earlier row of the index and filter them out.
   */
  private String after(
      WorkOrderQuery.After after, boolean ascending, List<WorkOrderConditions.Param> values) {
    Instant expected = after.expectedDate();
    String subscriber = after.subscriber().value();
    String tracking = after.trackingNumber().value();
    int length = tracking.length();
    values.add((s, i) -> dialect.setInstant(s, i, expected));
    values.add((s, i) -> dialect.setInstant(s, i, expected));
    values.add((s, i) -> dialect.setInstant(s, i, expected));
    values.add((s, i) -> s.setString(i, subscriber));
    values.add((s, i) -> s.setString(i, subscriber));
    values.add((s, i) -> s.setInt(i, length));
    values.add((s, i) -> s.setInt(i, length));
    values.add((s, i) -> s.setString(i, tracking));
    return "expected_at "
        + (ascending ? ">=" : "<=")
        + " ? AND (expected_at "
        + (ascending ? ">" : "<")
        + " ? OR (expected_at = ? AND (subscriber > ? OR (subscriber = ?"
        + " AND (CHAR_LENGTH(tracking_number) > ? OR (CHAR_LENGTH(tracking_number) = ?"
        + " AND tracking_number > ?))))))";
  }

  /** Reads a work order and remembers it as what this transaction saw. */
  private WorkOrder readOrder(ResultSet rows) throws SQLException {
    WorkOrder order = WorkOrderRows.read(dialect, rows);
    seen.put(order.key(), order);
    return order;
  }
}
