package dev.dispatchkit.jdbc.testsupport;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Counts the JDBC calls that may go to the database server, through proxies over a {@link
 * DataSource}, its connections and their statements: counts are deterministic where times are not.
 *
 * <p>What counts, once per call:
 *
 * <ul>
 *   <li>{@link Kind#STATEMENT}: {@code execute}, {@code executeQuery}, {@code executeUpdate}, their
 *       {@code Large} forms, and {@code executeBatch} (a batch is one call, however the driver
 *       sends it);
 *   <li>{@link Kind#TRANSACTION_END}: {@code commit} and {@code rollback};
 *   <li>{@link Kind#MODE_SWITCH}: {@code setAutoCommit}, {@code setTransactionIsolation} and {@code
 *       setReadOnly} when they change the connection's setting (asked of the driver first, which
 *       every supported driver answers locally); a call that changes nothing sends nothing.
 * </ul>
 *
 * <p>Calls are not packets. pgjdbc sends nothing for {@code setAutoCommit(false)} (its {@code
 * BEGIN} rides with the next statement) nor for {@code setAutoCommit(true)} after a commit, while
 * MariaDB Connector/J sends {@code set autocommit=...} each time; {@link #count(Kind)} keeps the
 * kinds apart so that a reader can tell. Preparing a statement is not counted: with the drivers'
 * defaults it is local. A counter may be shared by threads.
 */
public final class RoundTripCounter {

  /** What a counted call is. */
  public enum Kind {
    /** A statement or a batch executed. */
    STATEMENT,
    /** A commit or a rollback. */
    TRANSACTION_END,
    /** A change of auto-commit, isolation or read-only mode. */
    MODE_SWITCH
  }

  private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);
  private final List<String> calls = new ArrayList<>();
  private final List<String> statements = new ArrayList<>();

  /** A counter at zero. */
  public RoundTripCounter() {
    reset();
  }

  /** A data source whose connections, and their statements, count their calls here. */
  public DataSource wrap(DataSource target) {
    return proxy(
        DataSource.class,
        target,
        (method, args, result) ->
            result instanceof Connection c && method.getName().equals("getConnection")
                ? connection(c)
                : result);
  }

  /** Every counted call since the last reset. */
  public synchronized long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The counted calls of one kind since the last reset. */
  public synchronized long count(Kind kind) {
    return counts.get(kind);
  }

  /** The counted calls since the last reset, in order, each as its method and statement start. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  /** The text of each statement executed since the last reset, whole, in order. */
  public synchronized List<String> statements() {
    return List.copyOf(statements);
  }

  /** Starts again from zero. */
  public synchronized void reset() {
    for (Kind kind : Kind.values()) {
      counts.put(kind, 0L);
    }
    calls.clear();
    statements.clear();
  }

  private synchronized void countStatement(String method, String sql) {
    count(Kind.STATEMENT, method + (sql == null ? "" : ": " + start(sql)));
    statements.add(sql == null ? "" : sql);
  }

  private synchronized void count(Kind kind, String call) {
    counts.merge(kind, 1L, Long::sum);
    calls.add(call);
  }

  private Connection connection(Connection target) {
    Connection[] self = new Connection[1];
    self[0] =
        proxy(
            Connection.class,
            target,
            new Around() {
              @Override
              public void before(Method method, Object[] args) throws Exception {
                String name = method.getName();
                switch (name) {
                  case "commit", "rollback" -> count(Kind.TRANSACTION_END, name);
                  case "setAutoCommit" -> {
                    if (target.getAutoCommit() != (Boolean) args[0]) {
                      count(Kind.MODE_SWITCH, name + "(" + args[0] + ")");
                    }
                  }
                  case "setTransactionIsolation" -> {
                    if (target.getTransactionIsolation() != (Integer) args[0]) {
                      count(Kind.MODE_SWITCH, name + "(" + args[0] + ")");
                    }
                  }
                  case "setReadOnly" -> {
                    if (target.isReadOnly() != (Boolean) args[0]) {
                      count(Kind.MODE_SWITCH, name + "(" + args[0] + ")");
                    }
                  }
                  default -> {}
                }
              }

              @Override
              public Object after(Method method, Object[] args, Object result) {
                String name = method.getName();
                if (result instanceof Statement statement
                    && (name.equals("createStatement")
                        || name.equals("prepareStatement")
                        || name.equals("prepareCall"))) {
                  String sql = args != null && args.length > 0 ? (String) args[0] : null;
                  return statement(statement, sql, self[0]);
                }
                return result;
              }
            });
    return self[0];
  }

  private Statement statement(Statement target, String prepared, Connection connection) {
    Class<? extends Statement> type =
        target instanceof CallableStatement
            ? CallableStatement.class
            : target instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    return proxy(
        type,
        target,
        new Around() {
          @Override
          public void before(Method method, Object[] args) {
            String name = method.getName();
            if (name.startsWith("execute")) {
              String sql = prepared;
              if (sql == null && args != null && args.length > 0 && args[0] instanceof String s) {
                sql = s;
              }
              countStatement(name, sql);
            }
          }

          @Override
          public Object after(Method method, Object[] args, Object result) {
            return method.getName().equals("getConnection") ? connection : result;
          }
        });
  }

  private static String start(String sql) {
    String flat = sql.strip().replaceAll("\\s+", " ");
    return (flat.length() > 60 ? flat.substring(0, 60) + "..." : flat).toUpperCase(Locale.ROOT);
  }

  /** What a proxy does around a call it passes on. */
  private interface Around {
    default void before(Method method, Object[] args) throws Exception {}

    Object after(Method method, Object[] args, Object result);
  }

  private static <T> T proxy(Class<T> type, Object target, Around around) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> "counting " + target;
                };
              }
              around.before(method, args);
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              return around.after(method, args, result);
            }));
  }
}
