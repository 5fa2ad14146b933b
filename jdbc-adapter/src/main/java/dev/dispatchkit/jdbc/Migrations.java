package dev.dispatchkit.jdbc;

import dev.dispatchkit.StoreException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/** Runs DispatchKit's own Flyway migrations, apart from any the host runs. */
final class Migrations {
  private Migrations() {}

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
