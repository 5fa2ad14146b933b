package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.StoreException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The connection, dialect and tables of one {@link JdbcTransaction}, with the statement helpers its
 * role ports share: each failure becomes a {@link StoreException} naming what was attempted.
 */
final class SqlSession {

  /** A JDBC call. */
  @FunctionalInterface
  interface SqlCall<T> {
    T run() throws SQLException;
  }

  /** Reads one row. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  final Connection connection;
  final SqlDialect dialect;
  final Tables tables;
  private final DeferredWrites deferred = new DeferredWrites();

  /**
   * One recorder a thread: a recorder is a {@code Proxy}, and making one cost a unit of work more
   * than its recording. A thread records one binder at a time.
   */
  private static final ThreadLocal<RecordedParameters.Recorder> RECORDERS =
      ThreadLocal.withInitial(RecordedParameters.Recorder::new);

  private boolean open = true;

  SqlSession(Connection connection, SqlDialect dialect, Tables tables) {
    this.connection = connection;
    this.dialect = dialect;
    this.tables = tables;
  }

  void close() {
    open = false;
  }

  <T> T call(String what, SqlCall<T> work) {
    return call(what, null, work);
  }

  /**
   * Runs a JDBC call; {@code what} and {@code subject} name it in a failure. They are joined only
   * then: labels built on every call cost a reply more than one might think.
   */
  <T> T call(String what, @Nullable Object subject, SqlCall<T> work) {
    if (!open) {
      throw new IllegalStateException("the transaction is over: " + label(what, subject));
    }
    // Program order: whatever this call reads or writes comes after the writes held back.
    deferred.flush(connection, dialect);
    try {
      return work.run();
    } catch (SQLException e) {
      throw failure(label(what, subject), e);
    }
  }

  /** A failed JDBC call as the adapter reports it: what it attempted, the driver's words, state. */
  static StoreException failure(String attempted, SQLException e) {
    return new StoreException(
        "could not " + attempted + ": " + e.getMessage() + " [SQLState " + e.getSQLState() + "]",
        e);
  }

  /**
   * Holds a write back until the next call or the end of the unit of work (see {@link
   * DeferredWrites}); its parameters are bound now.
   */
  void defer(
      String what,
      @Nullable Object subject,
      String sql,
      SqlDialect.Binder binder,
      boolean refusesDuplicate,
      DeferredWrites.Check check) {
    if (!open) {
      throw new IllegalStateException("the transaction is over: " + label(what, subject));
    }
    RecordedParameters parameters = record(what, subject, binder);
    deferred.add(new DeferredWrites.Write(what, subject, sql, parameters, refusesDuplicate, check));
  }

  /**
   * Runs an INSERT unless a row with the same unique key exists (see {@link
   * SqlDialect#insertUnlessDuplicate}), in the same round trip as the writes held back, after them.
   *
   * @return whether the row was inserted
   */
  boolean insertUnlessDuplicateNow(
      String what, @Nullable Object subject, String insert, SqlDialect.Binder binder) {
    if (deferred.isEmpty()) {
      return call(what, subject, () -> insertUnlessDuplicate(insert, binder));
    }
    if (!open) {
      throw new IllegalStateException("the transaction is over: " + label(what, subject));
    }
    RecordedParameters parameters = record(what, subject, binder);
    return deferred.flushWith(
            connection,
            dialect,
            new DeferredWrites.Write(
                what, subject, insert, parameters, true, DeferredWrites.Check.ANY))
        == 1;
  }

  private RecordedParameters record(
      String what, @Nullable Object subject, SqlDialect.Binder binder) {
    try {
      return RECORDERS.get().record(binder);
    } catch (SQLException e) {
      throw new StoreException("could not " + label(what, subject) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Sends the writes held back at the unit of work's end, with the commit where the dialect can
   * (see {@link DeferredWrites#flushAndCommit}); returns whether the transaction is committed.
   */
  boolean flushAndCommit() {
    return open && deferred.flushAndCommit(connection, dialect);
  }

  private static String label(String what, @Nullable Object subject) {
    return subject == null ? what : what + " " + subject;
  }

  int update(String sql, SqlDialect.Binder binder) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    }
  }

  <T> List<T> query(String sql, SqlDialect.Binder binder, RowReader<T> reader) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(reader.read(rows));
        }
        return result;
      }
    }
  }

  <T> Optional<T> queryOne(String sql, SqlDialect.Binder binder, RowReader<T> reader)
      throws SQLException {
    List<T> rows = query(sql, binder, reader);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  /** See {@link SqlDialect#insertUnlessDuplicate}. */
  boolean insertUnlessDuplicate(String insert, SqlDialect.Binder binder) throws SQLException {
    return dialect.insertUnlessDuplicate(connection, insert, binder);
  }

  /** Rebuilds a value from a row; a row the domain refuses is corrupt, and reported as such. */
  static <T> T decode(String what, SqlCall<T> decoder) throws SQLException {
    try {
      return decoder.run();
    } catch (SQLException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StoreException("a stored " + what + " cannot be read back: " + e.getMessage(), e);
    }
  }

  /** A non-null instant column. */
  Instant instant(ResultSet rows, String column) throws SQLException {
    Instant value = dialect.getInstant(rows, column);
    if (value == null) {
      throw new SQLException("column " + column + " is null");
    }
    return value;
  }

  /** Binds an instant or SQL NULL, at microsecond precision. */
  void setNullableInstant(PreparedStatement s, int index, @Nullable Instant instant)
      throws SQLException {
    if (instant == null) {
      s.setNull(index, dialect.instantSqlType());
    } else {
      dialect.setInstant(s, index, micros(instant));
    }
  }

  static String placeholders(int count) {
    return String.join(", ", Collections.nCopies(count, "?"));
  }

  static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  static Instant ceilMicros(Instant instant) {
    Instant floor = micros(instant);
    return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MICROS);
  }

  /** A SHA-256 digest to clone: cloning is much cheaper than looking the algorithm up. */
  private static final MessageDigest SHA_256 = newSha256();

  static String sha256(String text) {
    MessageDigest digest;
    try {
      digest = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      digest = newSha256();
    }
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
