package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import java.io.ByteArrayInputStream;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** Flyway runs once per data source and table prefix; {@code migrate(false)} leaves the schema. */
class MigrateOnceTest {

  private static JdbcDataSource h2() {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:" + TestDatabase.uniquePrefix() + ";DB_CLOSE_DELAY=-1");
    return h2;
  }

  @Test
  void storesAndAttachmentStoresBuiltThreeTimesOnOneDataSourceMigrateOnce() {
    DataSource dataSource = h2();
    String prefix = TestDatabase.uniquePrefix();
    for (int i = 0; i < 3; i++) {
      JdbcStore.builder(dataSource).tablePrefix(prefix).build();
      JdbcStore.builder(dataSource).tablePrefix(prefix).buildAttachmentStore();
    }
    assertThat(Migrations.runs(dataSource, prefix)).isEqualTo(1);
    WorkOrderStore store = JdbcStore.builder(dataSource).tablePrefix(prefix).build();
    assertThat(
            store.inTransaction((StoreTransaction tx) -> tx.onceMarks().mark("s", "k", Orders.T0)))
        .isTrue();
    assertThat(Migrations.runs(dataSource, prefix)).isEqualTo(1);
  }

  @Test
  void anotherPrefixOrAnotherDataSourceOnTheSameDatabaseMigratesAgain() {
    JdbcDataSource dataSource = h2();
    JdbcDataSource sameDatabase = new JdbcDataSource();
    sameDatabase.setURL(dataSource.getURL());
    String prefix = TestDatabase.uniquePrefix();
    String other = TestDatabase.uniquePrefix();
    JdbcStore.builder(dataSource).tablePrefix(prefix).build();
    JdbcStore.builder(dataSource).tablePrefix(other).build();
    JdbcStore.builder(sameDatabase).tablePrefix(prefix).build();
    assertThat(Migrations.runs(dataSource, prefix)).isEqualTo(1);
    assertThat(Migrations.runs(dataSource, other)).isEqualTo(1);
    assertThat(Migrations.runs(sameDatabase, prefix)).isEqualTo(1);
  }

  @Test
  void concurrentBuildsMigrateOnce() throws Exception {
    DataSource dataSource = h2();
    String prefix = TestDatabase.uniquePrefix();
    int threads = 6;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<WorkOrderStore>> builds = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        builds.add(
            pool.submit(
                () -> {
                  start.await();
                  return JdbcStore.builder(dataSource).tablePrefix(prefix).build();
                }));
      }
      for (Future<WorkOrderStore> build : builds) {
        assertThat(build.get()).isNotNull();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(Migrations.runs(dataSource, prefix)).isEqualTo(1);
  }

  @Test
  void aFailedMigrationIsTriedAgainAtTheNextBuild() {
    JdbcDataSource nowhere = new JdbcDataSource();
    nowhere.setURL("jdbc:h2:mem:" + TestDatabase.uniquePrefix() + ";IFEXISTS=TRUE");
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> JdbcStore.builder(nowhere).dialect(Dialect.H2).build())
          .isInstanceOf(StoreException.class);
    }
    assertThat(Migrations.runs(nowhere, JdbcStore.DEFAULT_TABLE_PREFIX)).isEqualTo(2);
  }

  @Test
  void withoutMigrationsTheFirstUseOfAnEmptySchemaSaysWhatIsMissing() {
    DataSource dataSource = h2();
    WorkOrderStore store = JdbcStore.builder(dataSource).migrate(false).build();
    AttachmentStore attachments =
        JdbcStore.builder(dataSource).migrate(false).buildAttachmentStore();
    assertThat(Migrations.runs(dataSource, JdbcStore.DEFAULT_TABLE_PREFIX)).isZero();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    (StoreTransaction tx) -> tx.onceMarks().mark("s", "k", Orders.T0)))
        .isInstanceOfSatisfying(
            StoreException.class,
            e -> {
              assertThat(e).hasCauseInstanceOf(SQLException.class);
              assertThat(e.getMessage())
                  .contains("dispatchkit_work_order")
                  .contains("prefix 'dispatchkit_'")
                  .contains("migrate(false)")
                  .contains(Dialect.H2.migrationLocation());
            });
    assertThatThrownBy(
            () ->
                attachments.put(
                    "a.txt", "text/plain", new ByteArrayInputStream(new byte[] {1}), 10))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e ->
                assertThat(e.getMessage())
                    .contains("dispatchkit_attachment")
                    .contains("migrate(false)"));
  }

  @Test
  void withoutMigrationsOnAMigratedSchemaTheStoreWorks() {
    DataSource dataSource = h2();
    JdbcStore.builder(dataSource).build();
    WorkOrderStore store = JdbcStore.builder(dataSource).migrate(false).build();
    assertThat(
            store.inTransaction((StoreTransaction tx) -> tx.onceMarks().mark("s", "k", Orders.T0)))
        .isTrue();
  }
}
