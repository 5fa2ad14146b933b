package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.mariadb.jdbc.MariaDbDataSource;

/** The replica is the same database in sessions that refuse writes ({@code tx_read_only}). */
@TestDatabase.On(TestDatabase.MARIADB)
class MariaDbReadReplicaTest extends ReadReplicaBehaviour {
  MariaDbReadReplicaTest() {
    super(TestDatabase.MARIADB);
  }

  @Override
  DataSource readOnlyDataSource() throws SQLException {
    String url = System.getenv("DISPATCHKIT_TEST_MARIADB_URL");
    return new MariaDbDataSource(
        url + (url.contains("?") ? "&" : "?") + "sessionVariables=tx_read_only=1");
  }
}
