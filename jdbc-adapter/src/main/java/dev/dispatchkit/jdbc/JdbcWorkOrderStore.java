package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The {@link WorkOrderStore} on a JDBC {@link DataSource}: each unit of work is one JDBC
 * transaction on a connection of its own, returned to the data source afterwards.
 */
final class JdbcWorkOrderStore implements WorkOrderStore {
  private final DataSource dataSource;
  private final SqlDialect dialect;
  private final Tables tables;

  JdbcWorkOrderStore(DataSource dataSource, SqlDialect dialect, Tables tables) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.tables = tables;
  }

  /** How often a unit of work the database chose as a deadlock victim is run again. */
  private static final int DEADLOCK_ATTEMPTS = 3;

  @Override
  public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(work);
      } catch (StoreException e) {
        // The database rolled the whole transaction back (InnoDB does so on a deadlock between
        // concurrent outbox claims, for one): nothing of it stays, so running it again is safe.
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

  private <T> T once(Function<? super StoreTransaction, ? extends T> work) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      try {
        if (autoCommit) {
          connection.setAutoCommit(false);
        }
        T result = run(connection, work);
        if (autoCommit) {
          // Switching auto-commit back on commits the transaction (JDBC says so, and MariaDB's
          // "SET autocommit=1" does so in the server): one round trip for the commit and the
          // restore, where commit() then setAutoCommit(true) cost MariaDB two.
          connection.setAutoCommit(true);
        } else {
          connection.commit();
        }
        return result;
      } catch (SQLException e) {
        rollback(connection, e);
        throw new StoreException("could not commit: " + e.getMessage(), e);
      } finally {
        restore(connection, autoCommit);
      }
    } catch (SQLException e) {
      throw new StoreException("could not get or release a connection: " + e.getMessage(), e);
    }
  }

  private <T> T run(Connection connection, Function<? super StoreTransaction, ? extends T> work) {
    JdbcTransaction transaction = new JdbcTransaction(connection, dialect, tables);
    try {
      T result = work.apply(transaction);
      transaction.flush();
      return result;
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
