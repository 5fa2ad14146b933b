package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresMultiInstanceTest extends MultiInstanceBehaviour {
  PostgresMultiInstanceTest() {
    super(TestDatabase.POSTGRESQL);
  }
}
