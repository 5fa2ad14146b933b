package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.H2)
class H2MultiInstanceTest extends MultiInstanceBehaviour {
  H2MultiInstanceTest() {
    super(TestDatabase.H2);
  }
}
