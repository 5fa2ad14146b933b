package dev.dispatchkit.jdbc.testsupport;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * The smallest connection pool that keeps the suites fast: a host always pools, and opening a
 * physical PostgreSQL or MariaDB connection per transaction costs more than the transaction itself.
 * A returned connection is rolled back and put back in auto-commit; one that fails either is
 * discarded.
 */
public final class TestPool extends PlainDataSource implements AutoCloseable {
  private final DataSource physical;
  private final Semaphore permits;
  private final LinkedBlockingDeque<Connection> idle = new LinkedBlockingDeque<>();
  private final List<Connection> opened = new CopyOnWriteArrayList<>();

  /** A pool of at most {@code size} connections opened from {@code physical}. */
  public TestPool(DataSource physical, int size) {
    this.physical = physical;
    this.permits = new Semaphore(size, true);
  }

  @Override
  public Connection getConnection() throws SQLException {
    try {
      if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
        throw new SQLException("no pooled connection free after 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while waiting for a connection", e);
    }
    try {
      Connection connection = idle.pollFirst();
      if (connection == null) {
        connection = physical.getConnection();
        opened.add(connection);
      }
      return handOut(connection, this::giveBack);
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw e;
    }
  }

  private void giveBack(Connection connection) {
    try {
      if (!connection.isClosed()) {
        if (!connection.getAutoCommit()) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
        idle.addFirst(connection);
        return;
      }
    } catch (SQLException e) {
      // A connection that cannot be reset is broken: drop it and let the next caller open one.
    } finally {
      permits.release();
    }
    discard(connection);
  }

  private void discard(Connection connection) {
    opened.remove(connection);
    try {
      connection.close();
    } catch (SQLException e) {
      // Already gone.
    }
  }

  /** Closes every physical connection; leased ones fail from then on. */
  @Override
  public void close() {
    idle.clear();
    for (Connection connection : opened) {
      discard(connection);
    }
  }
}
