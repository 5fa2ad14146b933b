package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.H2)
class H2StoreTest extends JdbcStoreBehaviour {
  H2StoreTest() {
    super(TestDatabase.H2);
  }
}
