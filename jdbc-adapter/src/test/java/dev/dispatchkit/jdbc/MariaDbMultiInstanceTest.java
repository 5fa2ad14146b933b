package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.MARIADB)
class MariaDbMultiInstanceTest extends MultiInstanceBehaviour {
  MariaDbMultiInstanceTest() {
    super(TestDatabase.MARIADB);
  }
}
