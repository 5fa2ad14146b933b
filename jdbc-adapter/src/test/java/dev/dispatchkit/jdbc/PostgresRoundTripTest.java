package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

/**
 * PostgreSQL: the inbox insert, the read, the held-back writes as one statement, and the commit.
 */
@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresRoundTripTest extends RoundTripBehaviour {
  PostgresRoundTripTest() {
    super(TestDatabase.POSTGRESQL, 5, 3, 2);
  }
}
