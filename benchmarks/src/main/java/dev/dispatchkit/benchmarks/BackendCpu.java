package dev.dispatchkit.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongSupplier;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The CPU time a local PostgreSQL server has spent on the backends of one application name: their
 * process ids from {@code pg_stat_activity}, their user and system time from {@code /proc}. -1 when
 * the server is not on this machine or {@code /proc} cannot be read. It counts the backends only,
 * not the server's WAL writer or checkpointer, which every client shares.
 */
final class BackendCpu implements LongSupplier {
  /** Linux's clock tick: 100 per second on every common kernel configuration. */
  private static final long NANOS_PER_TICK = 10_000_000L;

  private final PGSimpleDataSource server;
  private final String applicationName;
  private final boolean local;

  BackendCpu(String url, String applicationName) {
    this.server = new PGSimpleDataSource();
    server.setURL(url);
    this.applicationName = applicationName;
    this.local = isLocal(server);
  }

  /**
   * Whether the PostgreSQL server of {@code url} runs on this machine, whose {@code /proc} can be
   * read: only then are its backends' times readable here.
   */
  static boolean isLocal(String url) {
    PGSimpleDataSource server = new PGSimpleDataSource();
    server.setURL(url);
    return isLocal(server);
  }

  private static boolean isLocal(PGSimpleDataSource server) {
    String host = server.getServerNames().length == 0 ? "" : server.getServerNames()[0];
    return (host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1"))
        && Files.isDirectory(Path.of("/proc/self"));
  }

  @Override
  public long getAsLong() {
    if (!local) {
      return -1;
    }
    long ticks = 0;
    try (Connection c = server.getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE application_name = ?")) {
      s.setString(1, applicationName);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          ticks += ticks(rows.getInt(1));
        }
      }
    } catch (SQLException | IOException e) {
      return -1;
    }
    return ticks * NANOS_PER_TICK;
  }

  /**
   * The CPU time of one backend process of a server {@link #isLocal} in nanoseconds, at the clock
   * tick's resolution (10 ms), or -1 when it cannot be read.
   */
  static long ofProcess(int pid) {
    try {
      return ticks(pid) * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** User plus system time of a process, fields 14 and 15 of its stat line. */
  private static long ticks(int pid) throws IOException {
    Path stat = Path.of("/proc", Integer.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return 0; // the backend ended since the query
    }
    String line = Files.readString(stat, StandardCharsets.US_ASCII);
    // The command name, in parentheses, may hold spaces: count fields after its closing one.
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }
}
