package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.MARIADB)
class MariaDbConnectionLossTest extends ConnectionLossBehaviour {
  MariaDbConnectionLossTest() {
    super(TestDatabase.MARIADB);
  }
}
