package dev.dispatchkit.jdbc;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.jdbc.testsupport.TestSchema;
import dev.dispatchkit.spi.WorkOrderStore;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class on one database, with tables of its own that are emptied before each test and
 * dropped after the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseTest {
  final TestDatabase database;
  TestSchema schema;
  DataSource dataSource;
  String prefix;
  WorkOrderStore store;

  DatabaseTest(TestDatabase database) {
    this.database = database;
  }

  @BeforeAll
  void createTables() {
    schema = new TestSchema(database);
    dataSource = schema.dataSource;
    prefix = schema.prefix;
    store = schema.store();
  }

  @BeforeEach
  void emptyTables() {
    schema.empty();
  }

  @AfterAll
  void dropTables() throws SQLException {
    if (schema != null) {
      schema.drop();
    }
  }
}
