package dev.dispatchkit.benchmarks;

import dev.dispatchkit.benchmarks.soak.SoakReport;
import dev.dispatchkit.benchmarks.soak.SoakRun;
import dev.dispatchkit.benchmarks.soak.SoakSettings;
import dev.dispatchkit.jdbc.testsupport.TestTables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Sustained load on several instances sharing one database (see {@link SoakRun}): prints replies
 * per second, the p99 of applying one, the outbox lag, the retries and the rollbacks, then checks
 * that every reply was applied once and every mail sent once. Exits with 1 when a check failed (a
 * deadlock included: the target is none), 2 on bad arguments.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.dispatchkit.benchmarks.SoakHarness \
 *     [--url jdbc:postgresql://...] [--instances 4] [--workers 1] [--duration 10m] \
 *     [--rate 0] [--orders N] [--providers 20] [--seed 12] [--synchronous-commit off] [--keep]
 * </pre>
 *
 * <p>The URL defaults to {@code DISPATCHKIT_TEST_POSTGRES_URL}; a {@code jdbc:h2:} URL runs on H2.
 * {@code --rate} is deliveries per second over all instances, 0 (the default) as fast as they are
 * applied. The tables get a prefix of their own ({@code dksoak_...}) and are dropped at the end
 * unless {@code --keep}.
 */
public final class SoakHarness {

  private SoakHarness() {}

  /** Runs the soak; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    // The engine logs every reply at INFO: thousands of lines a second that would cost the run.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
    SoakSettings settings = SoakSettings.defaults();
    String url = null;
    String synchronousCommit = null;
    boolean keep = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--url" -> url = required(args[i], value);
          case "--instances" -> settings = settings.withInstances(number(args[i], value));
          case "--workers" -> settings = settings.withWorkers(number(args[i], value));
          case "--duration" -> settings = settings.withDuration(duration(required(args[i], value)));
          case "--rate" -> settings = settings.withRate(number(args[i], value));
          case "--orders" -> settings = settings.withOrders(number(args[i], value));
          case "--providers" -> settings = settings.withProviders(number(args[i], value));
          case "--seed" -> settings = settings.withSeed(number(args[i], value));
          case "--synchronous-commit" -> synchronousCommit = required(args[i], value);
          case "--keep" -> {
            keep = true;
            continue;
          }
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
        i++;
      }
      url = JdbcBench.url(url);
    } catch (IllegalArgumentException | IllegalStateException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    String prefix = "dksoak_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    // The run's connections carry a name of their own, so that their backends' CPU can be told
    // apart from other clients' on a shared server.
    String applicationName = "dksoak " + prefix;
    Supplier<DataSource> connections = connections(url, synchronousCommit, applicationName);
    LongSupplier serverCpu =
        url.startsWith("jdbc:h2:") ? () -> -1 : new BackendCpu(url, applicationName);
    System.out.printf(
        Locale.ROOT,
        "soak: %s, tables %s*, %d instances x %d appliers, %s, rate %s, %,d work orders%s%n",
        url.replaceAll("password=[^&]*", "password=***"),
        prefix,
        settings.instances(),
        settings.workers(),
        settings.duration(),
        settings.rate() == 0 ? "unpaced" : settings.rate() + "/s",
        settings.ordersToDispatch(),
        synchronousCommit == null ? "" : ", synchronous_commit=" + synchronousCommit);
    SoakReport report;
    try {
      report =
          SoakRun.run(
              settings, connections, prefix, line -> System.out.println("  " + line), serverCpu);
    } finally {
      if (!keep && !url.startsWith("jdbc:h2:")) {
        drop(connections.get(), prefix);
      }
    }
    report.lines().forEach(System.out::println);
    System.exit(report.passed() ? 0 : 1);
  }

  private static Supplier<DataSource> connections(
      String url, String synchronousCommit, String applicationName) {
    if (url.startsWith("jdbc:h2:")) {
      return () -> {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(url);
        return h2;
      };
    }
    return () -> {
      PGSimpleDataSource pg = new PGSimpleDataSource();
      try {
        pg.setURL(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("not a PostgreSQL URL: " + url, e);
      }
      pg.setApplicationName(applicationName);
      if (synchronousCommit != null) {
        pg.setOptions("-c synchronous_commit=" + synchronousCommit);
      }
      return pg;
    };
  }

  private static void drop(DataSource dataSource, String prefix) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      TestTables.drop(c, prefix);
    }
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(required(option, value));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a whole number, not " + value, e);
    }
  }

  /** {@code 90s}, {@code 10m} or an ISO-8601 duration such as {@code PT10M}. */
  static Duration duration(String value) {
    try {
      if (value.endsWith("s")) {
        return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      if (value.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
      }
      return Duration.parse(value);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("--duration: 90s, 10m or PT10M, not " + value, e);
    }
  }
}
