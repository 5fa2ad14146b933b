package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.POSTGRESQL)
class FacadePostgresConcurrencyTest extends FacadeConcurrencyTest {
  FacadePostgresConcurrencyTest() {
    super(TestDatabase.POSTGRESQL);
  }
}
