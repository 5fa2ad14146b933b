package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/** The replica is the same in-memory database, reached as a user that may only read. */
@TestDatabase.On(TestDatabase.H2)
class H2ReadReplicaTest extends ReadReplicaBehaviour {
  H2ReadReplicaTest() {
    super(TestDatabase.H2);
  }

  @Override
  DataSource readOnlyDataSource() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("CREATE USER IF NOT EXISTS REPLICA PASSWORD 'replica'");
      s.execute("GRANT SELECT ON SCHEMA PUBLIC TO REPLICA");
    }
    JdbcDataSource replica = new JdbcDataSource();
    // The database's own settings (DB_CLOSE_DELAY) need an administrator; the primary set them.
    replica.setURL("jdbc:h2:mem:" + prefix + ";LOCK_TIMEOUT=10000");
    replica.setUser("REPLICA");
    replica.setPassword("replica");
    return replica;
  }
}
