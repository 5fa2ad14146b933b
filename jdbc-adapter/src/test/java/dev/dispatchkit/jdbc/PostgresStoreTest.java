package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresStoreTest extends JdbcStoreBehaviour {
  PostgresStoreTest() {
    super(TestDatabase.POSTGRESQL);
  }
}
