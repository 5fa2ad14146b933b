package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.H2)
class H2MultiInstanceTest extends MultiInstanceBehaviour {
  H2MultiInstanceTest() {
    super(TestDatabase.H2);
  }
}
