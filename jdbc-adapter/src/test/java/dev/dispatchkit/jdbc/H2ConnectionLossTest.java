package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.H2)
class H2ConnectionLossTest extends ConnectionLossBehaviour {
  H2ConnectionLossTest() {
    super(TestDatabase.H2);
  }
}
