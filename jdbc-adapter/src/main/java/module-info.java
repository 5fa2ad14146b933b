/** DispatchKit JDBC adapter: PostgreSQL, MariaDB and H2 storage with Flyway migrations. */
module dev.dispatchkit.jdbc {
  requires transitive dev.dispatchkit.core;
  requires static org.jspecify;
  requires transitive java.sql;
// exports dev.dispatchkit.jdbc; (uncommented with its first type)
}
