/**
 * DispatchKit JDBC adapter: PostgreSQL, MariaDB and H2 storage with Flyway migrations.
 *
 * <p>flyway-core ships no module descriptor and no Automatic-Module-Name, so on the module path it
 * is the automatic module {@code flyway.core}, named after its jar file (keep that file name). It
 * is required, not {@code static}: migrations run by default and must find Flyway.
 */
module dev.dispatchkit.jdbc {
  requires transitive dev.dispatchkit.core;
  requires static org.jspecify;
  requires transitive java.sql;
  requires flyway.core;

  exports dev.dispatchkit.jdbc;
}
