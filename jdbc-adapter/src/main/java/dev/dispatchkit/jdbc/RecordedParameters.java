package dev.dispatchkit.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;

/**
 * The parameters a {@link SqlDialect.Binder} sets, recorded when a write is deferred so that they
 * can be set later: into a statement that carries several writes (from an offset on), or written
 * out as literals. The binders stay the ones the immediate statements use.
 */
final class RecordedParameters {

  /** One setter call: {@code setString(3, "x")} is the setter with the arguments {@code 3, "x"}. */
  record Setter(Method method, Object[] arguments) {
    /** The value set ({@code null} for {@code setNull}). */
    Object value() {
      return method.getName().equals("setNull") ? null : arguments[1];
    }
  }

  private static final Setter[] NONE = new Setter[0];

  /** By parameter index, from 1; a parameter set twice keeps its last value, as JDBC does. */
  private Setter[] byIndex = NONE;

  private RecordedParameters() {}

  /** Runs {@code binder} against a recorder: only {@code set...(index, ...)} calls are allowed. */
  static RecordedParameters of(SqlDialect.Binder binder) throws SQLException {
    RecordedParameters recorded = new RecordedParameters();
    PreparedStatement recorder =
        (PreparedStatement)
            Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                (proxy, method, args) -> {
                  if (method.getName().startsWith("set")
                      && args != null
                      && args.length >= 2
                      && args[0] instanceof Integer index) {
                    recorded.put(index, new Setter(method, args.clone()));
                    return null;
                  }
                  throw new IllegalStateException(
                      "a deferred write's binder may only set parameters, not call "
                          + method.getName());
                });
    binder.bind(recorder);
    for (int i = 1; i < recorded.byIndex.length; i++) {
      if (recorded.byIndex[i] == null) {
        throw new IllegalStateException("parameter " + i + " of a deferred write is not set");
      }
    }
    return recorded;
  }

  private void put(int index, Setter setter) {
    if (index < 1) {
      throw new IllegalStateException("parameter index " + index + " is below 1");
    }
    if (index >= byIndex.length) {
      byIndex = Arrays.copyOf(byIndex, index + 1);
    }
    byIndex[index] = setter;
  }

  /** How many parameters there are. */
  int count() {
    return Math.max(0, byIndex.length - 1);
  }

  /** The setter call of parameter {@code index}, from 1. */
  Setter at(int index) {
    return byIndex[index];
  }

  /** Sets the parameters on {@code target}, parameter {@code i} as {@code offset + i}. */
  void bind(PreparedStatement target, int offset) throws SQLException {
    for (int i = 1; i < byIndex.length; i++) {
      Setter setter = byIndex[i];
      Object[] arguments = setter.arguments().clone();
      arguments[0] = offset + i;
      try {
        setter.method().invoke(target, arguments);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof SQLException sql) {
          throw sql;
        }
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw new IllegalStateException("binding a parameter failed", e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("PreparedStatement setters are public", e);
      }
    }
  }
}
