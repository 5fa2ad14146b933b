package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

/** H2 runs every held-back write as a statement of its own: its calls do not leave the JVM. */
@TestDatabase.On(TestDatabase.H2)
class H2RoundTripTest extends RoundTripBehaviour {
  H2RoundTripTest() {
    super(TestDatabase.H2, 7, 5, 5);
  }
}
