package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.StoreException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Runs DispatchKit's own Flyway migrations, apart from any the host runs. */
final class Migrations {
  // Process-wide: every builder on the same pool and prefix shares it.
  private static final MigrationMemo MEMO = new MigrationMemo();

  private Migrations() {}

  /**
   * Migrates, unless this process already migrated this data source (by identity) and prefix. The
   * schema is assumed to stay: tables dropped behind the store's back are not created again until
   * the process restarts or the host builds on a new {@code DataSource}.
   */
  static void migrateOnce(DataSource dataSource, Dialect dialect, Tables tables) {
    MEMO.migrateOnce(dataSource, tables.prefix(), () -> migrate(dataSource, dialect, tables));
  }

  /** How many times {@link #migrateOnce} ran Flyway for this data source and prefix; for tests. */
  static int runs(DataSource dataSource, String prefix) {
    return MEMO.runs(dataSource, prefix);
  }

  static void migrate(DataSource dataSource, Dialect dialect, Tables tables) {
    try {
      flyway(dataSource, dialect, tables).migrate();
    } catch (FlywayException e) {
      throw new StoreException("could not migrate the schema: " + e.getMessage(), e);
    }
  }

  private static Flyway flyway(DataSource dataSource, Dialect dialect, Tables tables) {
    return Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(dialect.migrationLocation())
        .table(tables.history())
        .placeholders(Map.of("prefix", tables.prefix()))
        // The host's schema is usually not empty: start our own history at version 0, so that
        // V1 still runs, instead of refusing a non-empty schema.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }
}
