package dev.dispatchkit.jdbc.testsupport;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The parts of a {@link DataSource} that test and benchmark data sources leave as they are: one set
 * of credentials, no log writer, no login timeout, a wrapper of nothing but itself.
 */
public abstract class PlainDataSource implements DataSource {

  /** For subclasses. */
  protected PlainDataSource() {}

  /** What closing a handed-out connection does with the physical one. */
  @FunctionalInterface
  protected interface GiveBack {
    /** Takes the physical connection back, once per handed-out connection. */
    void accept(Connection physical) throws SQLException;
  }

  /**
   * A connection handed out over {@code physical}: closing it calls {@code giveBack} once instead
   * of closing {@code physical}, and any other call after that fails.
   */
  protected static Connection handOut(Connection physical, GiveBack giveBack) {
    boolean[] closed = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "close" -> {
                  if (!closed[0]) {
                    closed[0] = true;
                    giveBack.accept(physical);
                  }
                  return null;
                }
                case "isClosed" -> {
                  return closed[0] || physical.isClosed();
                }
                default -> {
                  if (closed[0]) {
                    throw new SQLException("connection given back");
                  }
                  try {
                    return method.invoke(physical, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                }
              }
            });
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the data source has one set of credentials");
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) {}

  @Override
  public void setLoginTimeout(int seconds) {}

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("not a wrapper of " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }
}
