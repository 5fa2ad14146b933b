package dev.dispatchkit.jdbc.testsupport;

import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.spi.WorkOrderStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;

/** Tables of their own (a unique prefix) on one test database, migrated once, emptied at will. */
public final class TestSchema {
  /** The database the tables are on. */
  public final TestDatabase database;

  /** The prefix of every table, unique to this schema. */
  public final String prefix = TestDatabase.uniquePrefix();

  /** A data source on the database (for H2, a database of its own). */
  public final DataSource dataSource;

  /** Creates the tables; a configured database that cannot be reached fails here, loudly. */
  public TestSchema(TestDatabase database) {
    this.database = database;
    this.dataSource = database.dataSource(prefix);
    JdbcStore.builder(dataSource).tablePrefix(prefix).build();
  }

  /** A store on the tables, without migrating again. */
  public WorkOrderStore store() {
    return JdbcStore.builder(dataSource).tablePrefix(prefix).migrate(false).build();
  }

  /** An attachment store on the tables, without migrating again. */
  public AttachmentStore attachments() {
    return JdbcStore.builder(dataSource).tablePrefix(prefix).migrate(false).buildAttachmentStore();
  }

  /** Deletes every row but the migration history, which says the tables are up to date. */
  public void empty() {
    String history = (prefix + JdbcStore.HISTORY_TABLE_SUFFIX).toLowerCase(Locale.ROOT);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String table : TestTables.of(c, prefix)) {
        if (!table.toLowerCase(Locale.ROOT).equals(history)) {
          s.executeUpdate("DELETE FROM " + table);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot empty the test tables", e);
    }
  }

  /** Drops the tables. */
  public void drop() throws SQLException {
    database.dropTables(dataSource, prefix);
  }
}
