package dev.dispatchkit.benchmarks.soak;

import dev.dispatchkit.jdbc.testsupport.PlainDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * A data source that counts the transactions the database rolled back on its own: every {@link
 * SQLException} of SQLState class 40 (40P01 a deadlock victim on PostgreSQL, 40001 a serialization
 * failure or an H2 deadlock) that a connection or statement throws, by SQLState. The store runs
 * such a unit of work again (up to three times) without telling anyone, so the soak counts them
 * here, at the driver, where they happen.
 */
final class RollbackCounter extends PlainDataSource {
  private final DataSource delegate;
  private final Map<String, LongAdder> byState;

  /**
   * @param delegate the pool the connections come from
   * @param byState where the counts go, shared by every instance
   */
  RollbackCounter(DataSource delegate, Map<String, LongAdder> byState) {
    this.delegate = delegate;
    this.byState = byState;
  }

  /** A map to count in, for several counters. */
  static Map<String, LongAdder> newCounts() {
    return new ConcurrentHashMap<>();
  }

  /** The counts, by SQLState, in order. */
  static Map<String, Long> snapshot(Map<String, LongAdder> byState) {
    Map<String, Long> counts = new TreeMap<>();
    byState.forEach((state, n) -> counts.put(state, n.sum()));
    return counts;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return watched(Connection.class, delegate.getConnection());
  }

  /** {@code target} with every call watched; statements it creates are watched too. */
  private <T> T watched(Class<T> type, T target) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                if (e.getCause() instanceof SQLException sql) {
                  count(sql);
                }
                throw e.getCause();
              }
              // prepareStatement, createStatement and prepareCall return the statement types.
              if (result instanceof Statement statement
                  && Statement.class.isAssignableFrom(method.getReturnType())) {
                @SuppressWarnings("unchecked")
                Class<Statement> returned = (Class<Statement>) method.getReturnType();
                return watched(returned, statement);
              }
              return result;
            }));
  }

  private void count(SQLException failure) {
    for (SQLException e = failure; e != null; e = e.getNextException()) {
      String state = e.getSQLState();
      if (state != null && state.startsWith("40")) {
        byState.computeIfAbsent(state, s -> new LongAdder()).increment();
        return; // one rollback, however many chained reports
      }
    }
  }
}
