package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresStoreTest extends JdbcStoreBehaviour {
  PostgresStoreTest() {
    super(TestDatabase.POSTGRESQL);
  }
}
