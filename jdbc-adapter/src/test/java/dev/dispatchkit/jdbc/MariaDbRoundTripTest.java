package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

/**
 * MariaDB: the inbox insert, the read, the held-back writes as one pipelined batch, and the commit.
 */
@TestDatabase.On(TestDatabase.MARIADB)
class MariaDbRoundTripTest extends RoundTripBehaviour {
  MariaDbRoundTripTest() {
    super(TestDatabase.MARIADB, 5, 3, 2);
  }
}
