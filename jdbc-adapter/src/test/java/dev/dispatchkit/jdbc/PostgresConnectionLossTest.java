package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresConnectionLossTest extends ConnectionLossBehaviour {
  PostgresConnectionLossTest() {
    super(TestDatabase.POSTGRESQL);
  }
}
