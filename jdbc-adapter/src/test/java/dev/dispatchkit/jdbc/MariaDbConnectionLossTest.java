package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.MARIADB)
class MariaDbConnectionLossTest extends ConnectionLossBehaviour {
  MariaDbConnectionLossTest() {
    super(TestDatabase.MARIADB);
  }
}
