package dev.dispatchkit.benchmarks.soak;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

class H2SoakTest extends SoakBehaviour {
  H2SoakTest() {
    super(TestDatabase.H2);
  }
}
