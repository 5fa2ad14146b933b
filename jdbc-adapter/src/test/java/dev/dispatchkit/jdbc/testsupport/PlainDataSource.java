package dev.dispatchkit.jdbc.testsupport;

import java.io.PrintWriter;
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

  @Override
  public java.sql.Connection getConnection(String username, String password) throws SQLException {
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
