package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresMultiInstanceTest extends MultiInstanceBehaviour {
  PostgresMultiInstanceTest() {
    super(TestDatabase.POSTGRESQL);
  }
}
