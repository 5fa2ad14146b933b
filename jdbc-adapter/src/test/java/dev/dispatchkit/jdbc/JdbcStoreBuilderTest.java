package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class JdbcStoreBuilderTest {

  private static DataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + TestDatabase.uniquePrefix() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  @Test
  void badSettingsAreRejectedAtOnce() {
    assertThatThrownBy(() -> JdbcStore.builder(null))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.settings()).containsExactly("dataSource"));
    JdbcStore.Builder builder = JdbcStore.builder(h2());
    for (String prefix :
        new String[] {"", "Upper_", "1abc", "a-b", "a b", "x;drop", "a".repeat(31)}) {
      assertThatThrownBy(() -> builder.tablePrefix(prefix))
          .as(prefix)
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> assertThat(e.settings()).containsExactly("tablePrefix"));
    }
    assertThatThrownBy(() -> builder.attachmentLinkBase(URI.create("relative/path")))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> builder.dialect(null)).isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> builder.readOnlyDataSource(null))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.settings()).containsExactly("readOnlyDataSource"));
  }

  @Test
  void defaultsDetectTheDatabaseAndMigrateIntoTheirOwnHistoryTable() throws SQLException {
    DataSource dataSource = h2();
    WorkOrderStore store = JdbcStore.builder(dataSource).build();
    assertThat(
            store.inTransaction((StoreTransaction tx) -> tx.onceMarks().mark("s", "k", Orders.T0)))
        .isTrue();
    // Building again finds the schema up to date and keeps the data.
    WorkOrderStore again = JdbcStore.builder(dataSource).dialect(Dialect.H2).build();
    assertThat(
            again.inTransaction((StoreTransaction tx) -> tx.onceMarks().mark("s", "k", Orders.T0)))
        .isFalse();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT COUNT(*) FROM \"dispatchkit_schema_history\""
                    + " WHERE \"version\" = '1' AND \"success\"")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void withoutMigrationsNothingIsCreated() {
    DataSource dataSource = h2();
    WorkOrderStore store = JdbcStore.builder(dataSource).migrate(false).build();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    (StoreTransaction tx) -> tx.onceMarks().mark("s", "k", Orders.T0)))
        .isInstanceOfSatisfying(
            StoreException.class, e -> assertThat(e).hasCauseInstanceOf(SQLException.class));
  }

  @Test
  void anUnreachableDatabaseIsAStoreException() {
    JdbcDataSource nowhere = new JdbcDataSource();
    nowhere.setURL("jdbc:h2:mem:x;IFEXISTS=TRUE");
    assertThatThrownBy(() -> JdbcStore.builder(nowhere).build()).isInstanceOf(StoreException.class);
  }

  @Test
  void productNamesMapToDialects() {
    assertThat(Dialect.ofProductName("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.ofProductName("MariaDB")).isEqualTo(Dialect.MARIADB);
    assertThat(Dialect.ofProductName("H2")).isEqualTo(Dialect.H2);
    assertThatThrownBy(() -> Dialect.ofProductName("Oracle"))
        .isInstanceOf(ConfigurationException.class);
    assertThat(Dialect.MARIADB.migrationLocation()).isEqualTo("classpath:db/dispatchkit/mariadb");
  }

  @Test
  void attachmentLinksUseTheConfiguredBase() {
    var files =
        JdbcStore.builder(h2())
            .attachmentLinkBase(URI.create("https://app.example/files/"))
            .buildAttachmentStore();
    assertThat(files.link("abc")).isEqualTo(URI.create("https://app.example/files/abc"));
  }
}
