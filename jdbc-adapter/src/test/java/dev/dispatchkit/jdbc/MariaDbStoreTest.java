package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.MARIADB)
class MariaDbStoreTest extends JdbcStoreBehaviour {
  MariaDbStoreTest() {
    super(TestDatabase.MARIADB);
  }
}
