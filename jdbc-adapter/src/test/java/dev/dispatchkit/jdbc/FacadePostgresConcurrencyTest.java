package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.POSTGRESQL)
class FacadePostgresConcurrencyTest extends FacadeConcurrencyTest {
  FacadePostgresConcurrencyTest() {
    super(TestDatabase.POSTGRESQL);
  }
}
