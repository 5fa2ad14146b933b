package dev.dispatchkit.benchmarks.soak;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresSoakTest extends SoakBehaviour {
  PostgresSoakTest() {
    super(TestDatabase.POSTGRESQL);
  }
}
