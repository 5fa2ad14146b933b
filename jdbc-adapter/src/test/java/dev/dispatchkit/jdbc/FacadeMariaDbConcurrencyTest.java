package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.MARIADB)
class FacadeMariaDbConcurrencyTest extends FacadeConcurrencyTest {
  FacadeMariaDbConcurrencyTest() {
    super(TestDatabase.MARIADB);
  }
}
