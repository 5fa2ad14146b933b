package dev.dispatchkit.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * PostgreSQL. A failed statement aborts the whole transaction there, so duplicates are avoided with
 * {@code ON CONFLICT DO NOTHING} instead of being caught; outbox rows are claimed with {@code FOR
 * UPDATE SKIP LOCKED}.
 *
 * <p>Deferred writes go as one prepared statement of several, separated by semicolons: pgjdbc sends
 * its parts in one message sequence closed by a single Sync, so they cost one round trip, run in
 * their order (each sees the one before, unlike the parts of a data-modifying CTE) and report one
 * update count each. The first failing part aborts the rest and the transaction.
 */
final class PostgresDialect extends SqlDialect {
  private static final String DUPLICATE_KEY = "23505";

  @Override
  Dialect kind() {
    return Dialect.POSTGRESQL;
  }

  @Override
  int instantSqlType() {
    return Types.TIMESTAMP_WITH_TIMEZONE;
  }

  /**
   * JIT compilation off for the rest of the transaction: past the judging instant a reassignable
   * page filters some 7,000 rows of the active index, its cost estimate passes {@code
   * jit_above_cost}, and compiling its filter took 16 to 26 ms a page on 10,000,000 rows (see
   * docs/benchmarks.md), more than running it (14 ms). A page of at most 500 rows never gains from
   * JIT.
   */
  @Override
  void beforeFlagQuery(SqlSession sql) throws SQLException {
    sql.update("SET LOCAL jit = off", statement -> {});
  }

  /**
   * Without bitmap scans for the page, and the setting as it was after it. Past the judging instant
   * the planner expects a few hundred reassignable work orders where there are tens of thousands
   * (the statuses and the expected date correlate: the future is all active), so the ordered read
   * of the active index looks like reading it to its end, and it picks a bitmap scan of every
   * active work order of the reassignable statuses, then a sort: 1.5 to 6 s a page on 10,000,000
   * rows, against 0.2 s for the ordered read from a cold cache.
   */
  @Override
  <T> List<T> scanByFlag(SqlSession sql, String page, Binder binder, SqlSession.RowReader<T> reader)
      throws SQLException {
    String before =
        sql.queryOne(
                "SELECT current_setting('enable_bitmapscan'),"
                    + " set_config('enable_bitmapscan', 'off', true)",
                statement -> {},
                rows -> rows.getString(1))
            .orElseThrow();
    List<T> rows = sql.query(page, binder, reader);
    sql.query(
        "SELECT set_config('enable_bitmapscan', ?, true)",
        statement -> statement.setString(1, before),
        result -> result.getString(1));
    return rows;
  }

  @Override
  boolean insertUnlessDuplicate(Connection connection, String insert, Binder binder)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(ON_CONFLICT.of(insert))) {
      binder.bind(statement);
      return statement.executeUpdate() == 1;
    }
  }

  @Override
  boolean isDuplicateKey(SQLException failure) {
    return DUPLICATE_KEY.equals(failure.getSQLState());
  }

  @Override
  int runWrite(Connection connection, DeferredWrites.Write write) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(text(write))) {
      write.parameters().bind(statement, 0);
      return statement.executeUpdate();
    }
  }

  @Override
  int[] runWrites(Connection connection, List<DeferredWrites.Write> writes) throws SQLException {
    if (writes.size() == 1) {
      return new int[] {runWrite(connection, writes.get(0))};
    }
    List<String> parts = new ArrayList<>(writes.size());
    for (DeferredWrites.Write write : writes) {
      parts.add(text(write));
    }
    try (PreparedStatement statement = combined(connection, parts, writes)) {
      boolean rows = statement.execute();
      int[] counts = new int[writes.size()];
      for (int i = 0; i < counts.length; i++) {
        if (rows) {
          throw new SQLException("deferred write " + writes.get(i).label() + " returned rows");
        }
        counts[i] = statement.getUpdateCount();
        rows = statement.getMoreResults();
      }
      return counts;
    }
  }

  /**
   * The last writes and the {@code COMMIT} in one statement: the commit costs no round trip of its
   * own. A write that must touch one row (the versioned update, an insert refusing a duplicate)
   * cannot be checked by its update count here, since the commit would already have run; it is sent
   * as {@link #GUARDED} instead, which makes the database fail when the write touches no row, and
   * that failure aborts the rest, the commit included. pgjdbc learns from the server's answer that
   * the transaction is over, and its {@code commit()} and {@code setAutoCommit(true)} then send
   * nothing.
   */
  @Override
  boolean commitsWithWrites() {
    return true;
  }

  @Override
  void runWritesAndCommit(Connection connection, List<DeferredWrites.Write> writes)
      throws SQLException {
    List<String> parts = new ArrayList<>(writes.size() + 1);
    for (int i = 0; i < writes.size(); i++) {
      DeferredWrites.Write write = writes.get(i);
      parts.add(
          write.check() instanceof DeferredWrites.OneRow
              ? GUARDED.of(new Guarded(text(write), i))
              : text(write));
    }
    parts.add("COMMIT");
    try (PreparedStatement statement = combined(connection, parts, writes)) {
      statement.execute();
    } catch (SQLException e) {
      int refused = refusedWrite(e);
      if (refused >= 0 && refused < writes.size()) {
        throw new DeferredWrites.Refused(refused, e);
      }
      throw e;
    }
  }

  /** What a failing guard's text starts with, before the write's position. */
  private static final String REFUSED = "dispatchkit-refused-write-";

  /** The parts as one prepared statement, with the writes' parameters bound one after another. */
  private static PreparedStatement combined(
      Connection connection, List<String> parts, List<DeferredWrites.Write> writes)
      throws SQLException {
    // A unit of work's usual few writes repeat from one to the next; a long run of them does not.
    String sql = parts.size() <= MAX_COMBINED_KEPT ? COMBINED.of(parts) : String.join("; ", parts);
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      int offset = 0;
      for (DeferredWrites.Write write : writes) {
        write.parameters().bind(statement, offset);
        offset += write.parameters().count();
      }
      return statement;
    } catch (SQLException | RuntimeException e) {
      statement.close();
      throw e;
    }
  }

  /** A write that must touch one row, and its position among the writes sent together. */
  private record Guarded(String write, int index) {}

  /**
   * The write as a data-modifying CTE whose one result row casts {@code '1'} to an integer when the
   * write touched one row, and otherwise a text that is no integer and names the write's position:
   * plain SQL has no other way to raise an error, and the text, being the value the server quotes
   * in its message, survives the server's message language. The CASE depends on the count, so the
   * planner cannot fold the failing cast ahead of time.
   */
  private static final StatementTexts<Guarded> GUARDED =
      new StatementTexts<>(
          256,
          guarded ->
              "WITH w AS ("
                  + guarded.write()
                  + " RETURNING 1) SELECT CAST(CASE WHEN COUNT(*) = 1 THEN '1' ELSE '"
                  + REFUSED
                  + guarded.index()
                  + "' END AS INTEGER) FROM w");

  /** SQLState of a text that is no integer: what a failing guard raises. */
  private static final String INVALID_TEXT = "22P02";

  /** The position a failing guard names, or -1 if the failure is not a guard's. */
  static int refusedWrite(SQLException failure) {
    String message = failure.getMessage();
    if (!INVALID_TEXT.equals(failure.getSQLState()) || message == null) {
      return -1;
    }
    int at = message.indexOf(REFUSED);
    if (at < 0) {
      return -1;
    }
    int start = at + REFUSED.length();
    int end = start;
    while (end < message.length() && Character.isDigit(message.charAt(end))) {
      end++;
    }
    return end == start || end - start > 6 ? -1 : Integer.parseInt(message, start, end, 10);
  }

  private static String text(DeferredWrites.Write write) {
    return write.refusesDuplicate() ? ON_CONFLICT.of(write.sql()) : write.sql();
  }

  /**
   * The inserts that refuse a duplicate, by their text: the adapter's texts are constants (see
   * {@link StatementTexts}), so their hashes are too.
   */
  private static final StatementTexts<String> ON_CONFLICT =
      new StatementTexts<>(256, insert -> insert + " ON CONFLICT DO NOTHING");

  private static final int MAX_COMBINED_KEPT = 8;

  /** The combined statement of each short sequence of deferred writes (never changed once kept). */
  private static final StatementTexts<List<String>> COMBINED =
      new StatementTexts<>(256, parts -> String.join("; ", parts));

  @Override
  String upsert(String table, List<String> keyColumns, List<String> columns) {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", columns)
        + ") VALUES ("
        + columns.stream().map(c -> "?").collect(Collectors.joining(", "))
        + ") ON CONFLICT ("
        + String.join(", ", keyColumns)
        + ") DO UPDATE SET "
        + columns.stream()
            .filter(c -> !keyColumns.contains(c))
            .map(c -> c + " = EXCLUDED." + c)
            .collect(Collectors.joining(", "));
  }

  @Override
  List<String> claim(Connection connection, Tables tables, Instant now, Instant until, int max)
      throws SQLException {
    return claimSkippingLocked(this, connection, tables, now, until, max);
  }
}
