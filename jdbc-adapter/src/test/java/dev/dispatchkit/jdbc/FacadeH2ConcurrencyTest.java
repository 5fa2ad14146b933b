package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;

@TestDatabase.On(TestDatabase.H2)
class FacadeH2ConcurrencyTest extends FacadeConcurrencyTest {
  FacadeH2ConcurrencyTest() {
    super(TestDatabase.H2);
  }
}
