package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The writes of one transaction whose outcome nothing inside the unit of work waits for (a work
 * order's versioned update, a timeline event, a queued mail), held back and sent together, in the
 * order they were made, the next time the transaction talks to the database: before any other
 * statement, or when the unit of work returns, before the commit or, where the dialect can, with it
 * ({@link #flushAndCommit}). The dialect sends them in as few round trips as its driver allows
 * ({@link SqlDialect#runWrites}).
 *
 * <p>What a write checks (the version, a duplicate) is checked when it runs: a stale update then
 * throws its {@code ConcurrentUpdateException} from that later call or from {@code inTransaction},
 * which rolls everything back. Once a flush has failed, the transaction can only roll back.
 */
final class DeferredWrites {

  /** What a write's update count must be, and what is thrown when it is not. */
  sealed interface Check {
    /** Any count: the write cannot miss (a plain insert fails with an exception instead). */
    Check ANY = new AnyCount();

    /** Exactly one row, else the exception {@code failure} gives. */
    static Check oneRow(Supplier<? extends RuntimeException> failure) {
      return new OneRow(failure);
    }

    /** Throws the write's own failure unless {@code updated} is what the write expects. */
    void verify(int updated);
  }

  /** See {@link Check#ANY}. */
  record AnyCount() implements Check {
    @Override
    public void verify(int updated) {}
  }

  /**
   * See {@link Check#oneRow}: a versioned update, an insert that refuses a duplicate. A dialect
   * that commits with the writes ({@link SqlDialect#commitsWithWrites}) checks these in the
   * database, before the commit.
   */
  record OneRow(Supplier<? extends RuntimeException> failure) implements Check {
    @Override
    public void verify(int updated) {
      if (updated != 1) {
        throw failure.get();
      }
    }
  }

  /**
   * Thrown by a dialect's {@link SqlDialect#runWritesAndCommit} when the write at {@code index}, a
   * {@link OneRow} one, touched no row: the database stopped there and committed nothing.
   */
  static final class Refused extends SQLException {
    private static final long serialVersionUID = 1L;

    /** The position of the refused write among those sent. */
    final int index;

    Refused(int index, SQLException cause) {
      super("write " + index + " touched no row", cause.getSQLState(), cause);
      this.index = index;
    }
  }

  /**
   * One held-back write.
   *
   * @param what what it does, for a failure's message ("update work order")
   * @param subject what it does it to, joined to {@code what} only in a failure
   * @param sql a single INSERT or UPDATE, without a trailing semicolon
   * @param parameters its parameters
   * @param refusesDuplicate whether it is an INSERT that a row with the same unique key turns into
   *     update count 0 (see {@link SqlDialect#insertUnlessDuplicate}) rather than a failure
   * @param check what its update count must be
   */
  record Write(
      String what,
      @Nullable Object subject,
      String sql,
      RecordedParameters parameters,
      boolean refusesDuplicate,
      Check check) {

    String label() {
      return subject == null ? what : what + " " + subject;
    }
  }

  private final List<Write> pending = new ArrayList<>();
  private @Nullable RuntimeException failed;

  /** Holds a write back until the next flush. */
  void add(Write write) {
    refuseIfFailed();
    pending.add(write);
  }

  /** Whether no write is held back. */
  boolean isEmpty() {
    return pending.isEmpty();
  }

  /** Sends the held-back writes, if any, and checks each one's outcome. */
  void flush(Connection connection, SqlDialect dialect) {
    refuseIfFailed();
    if (!pending.isEmpty()) {
      send(connection, dialect);
    }
  }

  /**
   * Sends the held-back writes with {@code last} after them, in the same round trip, and returns
   * the update count of {@code last}: for a statement whose answer is needed at once (an insert
   * that refuses a duplicate), which would otherwise cost a round trip of its own after the flush.
   */
  int flushWith(Connection connection, SqlDialect dialect, Write last) {
    refuseIfFailed();
    pending.add(last);
    return send(connection, dialect);
  }

  /**
   * Sends the held-back writes with the commit after them, in one round trip, where the dialect can
   * ({@link SqlDialect#commitsWithWrites}): at the end of the unit of work, when nothing waits for
   * their answers but the commit's. Returns whether it committed; when it did not, the writes, if
   * any, were sent as by {@link #flush}, and the caller commits.
   */
  boolean flushAndCommit(Connection connection, SqlDialect dialect) {
    refuseIfFailed();
    if (pending.isEmpty() || !dialect.commitsWithWrites()) {
      flush(connection, dialect);
      return false;
    }
    List<Write> writes = List.copyOf(pending);
    pending.clear();
    try {
      try {
        dialect.runWritesAndCommit(connection, writes);
      } catch (Refused refused) {
        // The write's own failure: the lost update's ConcurrentUpdateException, the taken id's.
        writes.get(refused.index).check().verify(0);
        throw new IllegalStateException(
            "the database refused " + writes.get(refused.index).label() + ", which accepts 0",
            refused);
      } catch (SQLException e) {
        throw failure(writes, ", commit", e);
      }
      return true;
    } catch (RuntimeException e) {
      failed = e;
      throw e;
    }
  }

  private static StoreException failure(List<Write> writes, String then, SQLException e) {
    return SqlSession.failure(
        writes.stream().map(Write::label).collect(Collectors.joining(", ")) + then, e);
  }

  /** Sends every pending write; returns the last one's update count. */
  private int send(Connection connection, SqlDialect dialect) {
    List<Write> writes = List.copyOf(pending);
    pending.clear();
    try {
      int[] counts;
      try {
        counts = dialect.runWrites(connection, writes);
      } catch (SQLException e) {
        throw failure(writes, "", e);
      }
      for (int i = 0; i < counts.length; i++) {
        writes.get(i).check().verify(counts[i]);
      }
      if (counts.length < writes.size()) {
        throw new IllegalStateException(
            "the dialect stopped the writes at " + writes.get(counts.length).label());
      }
      return counts[counts.length - 1];
    } catch (RuntimeException e) {
      // The writes after a failed one may or may not have run: nothing of this transaction is
      // worth committing, and every later call says so.
      failed = e;
      throw e;
    }
  }

  private void refuseIfFailed() {
    if (failed != null) {
      throw new IllegalStateException(
          "the transaction can only roll back: its writes failed (" + failed.getMessage() + ")",
          failed);
    }
  }
}
