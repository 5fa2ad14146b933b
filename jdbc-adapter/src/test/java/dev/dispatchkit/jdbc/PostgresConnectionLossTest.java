package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresConnectionLossTest extends ConnectionLossBehaviour {
  PostgresConnectionLossTest() {
    super(TestDatabase.POSTGRESQL);
  }
}
