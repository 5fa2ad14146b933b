package dev.dispatchkit.jdbc;

import dev.dispatchkit.spi.WorkOrderStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class on one database, with tables of its own (a unique prefix) that are emptied before
 * each test and dropped after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseTest {
  final TestDatabase database;
  DataSource dataSource;
  String prefix;
  WorkOrderStore store;

  DatabaseTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void createTables() {
    prefix = TestDatabase.uniquePrefix();
    dataSource = database.dataSource(prefix);
    store = JdbcStore.builder(dataSource).tablePrefix(prefix).build();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    Tables tables = new Tables(prefix);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table :
          List.of(
              tables.workOrder(),
              tables.event(),
              tables.dispatch(),
              tables.inbox(),
              tables.outbox(),
              tables.preference(),
              tables.onceMark(),
              tables.attachment())) {
        s.executeUpdate("DELETE FROM " + table);
      }
    }
  }

  @AfterAll
  void dropTables() throws SQLException {
    if (dataSource != null) {
      database.dropTables(dataSource, prefix);
    }
  }
}
