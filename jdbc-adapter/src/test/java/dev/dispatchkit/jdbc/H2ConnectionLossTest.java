package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.H2)
class H2ConnectionLossTest extends ConnectionLossBehaviour {
  H2ConnectionLossTest() {
    super(TestDatabase.H2);
  }
}
