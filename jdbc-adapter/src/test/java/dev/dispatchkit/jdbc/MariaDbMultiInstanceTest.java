package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.MARIADB)
class MariaDbMultiInstanceTest extends MultiInstanceBehaviour {
  MariaDbMultiInstanceTest() {
    super(TestDatabase.MARIADB);
  }
}
