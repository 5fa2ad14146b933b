package dev.dispatchkit.jdbc.testsupport;

import dev.dispatchkit.jdbc.Dialect;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.mariadb.jdbc.MariaDbDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the suites run on. H2 runs in every build; PostgreSQL and MariaDB run whenever
 * their environment variable holds a JDBC URL, and then a database that cannot be reached fails the
 * suite instead of skipping it.
 */
public enum TestDatabase {
  H2(null),
  POSTGRESQL("DISPATCHKIT_TEST_POSTGRES_URL"),
  MARIADB("DISPATCHKIT_TEST_MARIADB_URL");

  private final String variable;

  TestDatabase(String variable) {
    this.variable = variable;
  }

  /** Whether the suites run on this database: always for H2, else when its variable is set. */
  public boolean configured() {
    return variable == null || url() != null;
  }

  private String url() {
    String url = System.getenv(variable);
    return url == null || url.isBlank() ? null : url;
  }

  /** The adapter's dialect for this database. */
  public Dialect dialect() {
    return Dialect.valueOf(name());
  }

  /** A new data source; for H2, on a new in-memory database named after {@code isolation}. */
  public DataSource dataSource(String isolation) {
    try {
      return switch (this) {
        case H2 -> {
          JdbcDataSource h2 = new JdbcDataSource();
          h2.setURL("jdbc:h2:mem:" + isolation + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
          yield h2;
        }
        case POSTGRESQL -> {
          PGSimpleDataSource pg = new PGSimpleDataSource();
          pg.setURL(url());
          // Durability is not under test; waiting for the disk on every commit only slows the
          // suite.
          pg.setOptions("-c synchronous_commit=off");
          yield pg;
        }
        case MARIADB -> new MariaDbDataSource(url());
      };
    } catch (SQLException e) {
      throw new IllegalStateException("bad URL in " + variable, e);
    }
  }

  /** A table prefix no other test class uses. */
  public static String uniquePrefix() {
    return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
  }

  /** Drops every table of a prefix (PostgreSQL and MariaDB; an H2 database simply goes away). */
  public void dropTables(DataSource dataSource, String prefix) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      if (this == H2) {
        try (Statement s = c.createStatement()) {
          s.execute("DROP ALL OBJECTS");
        }
      } else {
        TestTables.drop(c, prefix);
      }
    }
  }

  /** Runs a test class only where its database is configured. */
  @Target(ElementType.TYPE)
  @Retention(RetentionPolicy.RUNTIME)
  @ExtendWith(Condition.class)
  public @interface On {
    /** The database the class runs on. */
    TestDatabase value();
  }

  /** Disables a class only when its database's variable is unset; never hides a failure. */
  public static final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      return context
          .getTestClass()
          .flatMap(c -> findOn(c))
          .map(
              on ->
                  on.value().configured()
                      ? ConditionEvaluationResult.enabled(on.value() + " is configured")
                      : ConditionEvaluationResult.disabled(
                          on.value().variable + " is not set: " + on.value() + " suite not run"))
          .orElse(ConditionEvaluationResult.enabled("no database condition"));
    }

    private static java.util.Optional<On> findOn(Class<?> type) {
      for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
        On on = c.getAnnotation(On.class);
        if (on != null) {
          return java.util.Optional.of(on);
        }
      }
      return java.util.Optional.empty();
    }
  }
}
