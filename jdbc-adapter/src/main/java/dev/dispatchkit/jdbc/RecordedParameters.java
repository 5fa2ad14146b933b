package dev.dispatchkit.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The parameters a {@link SqlDialect.Binder} sets, recorded when a write is deferred so that they
 * can be set later: into a statement that carries several writes (from an offset on), or written
 * out as literals. The binders stay the ones the immediate statements use.
 */
final class RecordedParameters {

  /** One setter call: {@code setString(3, "x")} is the setter with the arguments {@code 3, "x"}. */
  record Setter(Method method, Object[] arguments) {
    /** The value set ({@code null} for {@code setNull}). */
    @Nullable Object value() {
      return method.getName().equals("setNull") ? null : arguments[1];
    }
  }

  private static final Setter[] NONE = new Setter[0];

  /** By parameter index, from 1; a parameter set twice keeps its last value, as JDBC does. */
  private Setter[] byIndex = NONE;

  private RecordedParameters() {}

  /** Runs {@code binder} against a recorder of its own; see {@link Recorder#record}. */
  static RecordedParameters of(SqlDialect.Binder binder) throws SQLException {
    return new Recorder().record(binder);
  }

  /**
   * Records binders, one after the other, on one proxy: a unit of work defers several writes, and a
   * proxy made for each cost it more than the recording itself. Used by one thread.
   */
  static final class Recorder implements InvocationHandler {
    private final PreparedStatement proxy =
        (PreparedStatement)
            Proxy.newProxyInstance(
                PreparedStatement.class.getClassLoader(),
                new Class<?>[] {PreparedStatement.class},
                this);
    private @Nullable RecordedParameters current;

    /**
     * Runs {@code binder} against the recorder: only {@code set...(index, ...)} calls are allowed.
     */
    RecordedParameters record(SqlDialect.Binder binder) throws SQLException {
      RecordedParameters recorded = new RecordedParameters();
      current = recorded;
      try {
        binder.bind(proxy);
      } finally {
        current = null;
      }
      for (int i = 1; i < recorded.byIndex.length; i++) {
        if (recorded.byIndex[i] == null) {
          throw new IllegalStateException("parameter " + i + " of a deferred write is not set");
        }
      }
      return recorded;
    }

    @Override
    public @Nullable Object invoke(Object target, Method method, Object @Nullable [] args) {
      RecordedParameters recorded = current;
      if (recorded != null
          && method.getName().startsWith("set")
          && args != null
          && args.length >= 2
          && args[0] instanceof Integer index) {
        // The proxy passes a new array on every call: it can be kept as it is.
        recorded.put(index, new Setter(method, args));
        return null;
      }
      throw new IllegalStateException(
          "a deferred write's binder may only set parameters, not call " + method.getName());
    }
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
      set(target, offset + i, byIndex[i]);
    }
  }

  /**
   * Calls the recorded setter on {@code target} at {@code index}: the setters the adapter's binders
   * use directly, any other one by reflection.
   */
  private static void set(PreparedStatement target, int index, Setter setter) throws SQLException {
    Object[] arguments = setter.arguments();
    if (arguments.length == 2) {
      Object value = arguments[1];
      switch (setter.method().getName()) {
        case "setString" -> {
          target.setString(index, (String) value);
          return;
        }
        case "setLong" -> {
          target.setLong(index, (Long) value);
          return;
        }
        case "setInt" -> {
          target.setInt(index, (Integer) value);
          return;
        }
        case "setBoolean" -> {
          target.setBoolean(index, (Boolean) value);
          return;
        }
        case "setBigDecimal" -> {
          target.setBigDecimal(index, (BigDecimal) value);
          return;
        }
        case "setObject" -> {
          target.setObject(index, value);
          return;
        }
        case "setNull" -> {
          target.setNull(index, (Integer) value);
          return;
        }
        default -> {
          // Any other setter: by reflection, below.
        }
      }
    }
    Object[] moved = arguments.clone();
    moved[0] = index;
    try {
      setter.method().invoke(target, moved);
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
