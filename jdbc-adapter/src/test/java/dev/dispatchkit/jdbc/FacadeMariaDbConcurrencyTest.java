package dev.dispatchkit.jdbc;

@TestDatabase.On(TestDatabase.MARIADB)
class FacadeMariaDbConcurrencyTest extends FacadeConcurrencyTest {
  FacadeMariaDbConcurrencyTest() {
    super(TestDatabase.MARIADB);
  }
}
