/** DispatchKit JDBC adapter: PostgreSQL, MariaDB and H2 storage with Flyway migrations. */
@NullMarked
package dev.dispatchkit.jdbc;

import org.jspecify.annotations.NullMarked;
