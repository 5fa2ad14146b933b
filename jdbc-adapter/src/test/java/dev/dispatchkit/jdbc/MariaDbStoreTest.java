package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.MARIADB)
class MariaDbStoreTest extends JdbcStoreBehaviour {
  MariaDbStoreTest() {
    super(TestDatabase.MARIADB);
  }
}
