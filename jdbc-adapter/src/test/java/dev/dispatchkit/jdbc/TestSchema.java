package dev.dispatchkit.jdbc;

import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.spi.WorkOrderStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/** Tables of their own (a unique prefix) on one test database, migrated once, emptied at will. */
final class TestSchema {
  final TestDatabase database;
  final String prefix = TestDatabase.uniquePrefix();
  final DataSource dataSource;

  TestSchema(TestDatabase database) {
    this.database = database;
    this.dataSource = database.dataSource(prefix);
    // Migrates; a configured database that cannot be reached fails here, loudly.
    JdbcStore.builder(dataSource).tablePrefix(prefix).build();
  }

  WorkOrderStore store() {
    return JdbcStore.builder(dataSource).tablePrefix(prefix).migrate(false).build();
  }

  AttachmentStore attachments() {
    return JdbcStore.builder(dataSource).tablePrefix(prefix).migrate(false).buildAttachmentStore();
  }

  void empty() {
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
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the test tables", e);
    }
  }

  void drop() throws SQLException {
    database.dropTables(dataSource, prefix);
  }
}
