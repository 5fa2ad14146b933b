package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.H2)
class H2StoreTest extends JdbcStoreBehaviour {
  H2StoreTest() {
    super(TestDatabase.H2);
  }
}
