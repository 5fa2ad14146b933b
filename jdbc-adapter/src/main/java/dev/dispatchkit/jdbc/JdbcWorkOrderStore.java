package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The {@link WorkOrderStore} on a JDBC {@link DataSource}: each unit of work is one JDBC
 * transaction on a connection of its own, returned to the data source afterwards. With a read-only
 * data source (a replica), {@link #inReadOnlyTransaction} runs there, on a connection set
 * read-only; everything else runs on the primary.
 */
final class JdbcWorkOrderStore implements WorkOrderStore {
  private final DataSource dataSource;
  private final @Nullable DataSource readOnlyDataSource;
  private final SqlDialect dialect;
  private final Tables tables;

  JdbcWorkOrderStore(
      DataSource dataSource,
      @Nullable DataSource readOnlyDataSource,
      SqlDialect dialect,
      Tables tables) {
    this.dataSource = dataSource;
    this.readOnlyDataSource = readOnlyDataSource;
    this.dialect = dialect;
    this.tables = tables;
  }

  /** How often a unit of work the database chose as a deadlock victim is run again. */
  private static final int DEADLOCK_ATTEMPTS = 3;

  @Override
  public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
    return withRetries(dataSource, false, work);
  }

  /** On the read-only data source when there is one, else exactly {@link #inTransaction}. */
  @Override
  public <T> T inReadOnlyTransaction(Function<? super StoreTransaction, ? extends T> work) {
    DataSource replica = readOnlyDataSource;
    return replica == null ? inTransaction(work) : withRetries(replica, true, work);
  }

  private <T> T withRetries(
      DataSource source, boolean readOnly, Function<? super StoreTransaction, ? extends T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(source, readOnly, work);
      } catch (StoreException e) {
        // The database rolled the whole transaction back (InnoDB does so on a deadlock between
        // concurrent outbox claims, for one; a hot standby cancels a read that conflicts with
        // the recovery): nothing of it stays, so running it again is safe.
        if (attempt >= DEADLOCK_ATTEMPTS || !isDeadlock(e)) {
          throw e;
        }
      }
    }
  }

  /** Whether the failure is a deadlock or serialization failure (SQLState class 40). */
  static boolean isDeadlock(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql
          && sql.getSQLState() != null
          && sql.getSQLState().startsWith("40")) {
        return true;
      }
    }
    return false;
  }

  private <T> T once(
      DataSource source, boolean readOnly, Function<? super StoreTransaction, ? extends T> work) {
    try (Connection connection = source.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      // A write sent to the replica by mistake then fails at once, whatever the replica is.
      boolean wasReadOnly = readOnly && connection.isReadOnly();
      try {
        if (readOnly && !wasReadOnly) {
          connection.setReadOnly(true);
        }
        if (autoCommit) {
          connection.setAutoCommit(false);
        }
        Ran<T> ran = run(connection, work);
        if (ran.committed()) {
          // The commit went with the last writes; the driver knows, and restoring auto-commit
          // below sends nothing.
          return ran.result();
        }
        if (autoCommit) {
          // Switching auto-commit back on commits the transaction (JDBC says so, and MariaDB's
          // "SET autocommit=1" does so in the server): one round trip for the commit and the
          // restore, where commit() then setAutoCommit(true) cost MariaDB two.
          connection.setAutoCommit(true);
        } else {
          connection.commit();
        }
        return ran.result();
      } catch (SQLException e) {
        rollback(connection, e);
        throw new StoreException("could not commit: " + e.getMessage(), e);
      } finally {
        restore(connection, autoCommit);
        if (readOnly && !wasReadOnly) {
          restoreReadWrite(connection);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("could not get or release a connection: " + e.getMessage(), e);
    }
  }

  /** What a unit of work returned, and whether its last writes committed it. */
  private record Ran<T>(T result, boolean committed) {}

  private <T> Ran<T> run(
      Connection connection, Function<? super StoreTransaction, ? extends T> work) {
    JdbcTransaction transaction = new JdbcTransaction(connection, dialect, tables);
    try {
      T result = work.apply(transaction);
      return new Ran<>(result, transaction.flushAndCommit());
    } catch (RuntimeException | Error e) {
      rollback(connection, e);
      throw e;
    } finally {
      transaction.close();
    }
  }

  private static void rollback(Connection connection, Throwable cause) {
    try {
      if (!connection.isClosed()) {
        connection.rollback();
      }
    } catch (SQLException e) {
      // The connection is probably gone, and the server rolls back what it held: report the first
      // failure, with this one attached.
      cause.addSuppressed(e);
    }
  }

  private static void restoreReadWrite(Connection connection) {
    try {
      if (!connection.isClosed()) {
        connection.setReadOnly(false);
      }
    } catch (SQLException e) {
      // As for the auto-commit mode: a connection that cannot be reset is broken anyway.
    }
  }

  private static void restore(Connection connection, boolean autoCommit) {
    try {
      if (!connection.isClosed() && connection.getAutoCommit() != autoCommit) {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      // A pooled connection that cannot be reset is broken anyway; the pool discards it on close.
    }
  }
}
