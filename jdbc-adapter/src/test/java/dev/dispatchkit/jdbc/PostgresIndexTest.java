package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.WorkOrder;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The lookups of the port are served by indexes, not by scanning the table (PostgreSQL plans). */
@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresIndexTest extends DatabaseTest {

  PostgresIndexTest() {
    super(TestDatabase.POSTGRESQL);
  }

  @Test
  void trackingNumberLookupAndFilteredListUseIndexes() throws SQLException {
    store.inTransaction(
        (StoreTransaction tx) -> {
          for (int i = 0; i < 5_000; i++) {
            String subscriber = "client-" + (i % 100);
            String tracking = String.format(Locale.ROOT, "%08d", i);
            tx.insert(
                WorkOrder.dispatch(
                        Orders.command(
                            subscriber, tracking, Priority.URGENT, Orders.SITE, Orders.EXPECTED),
                        Orders.T0)
                    .after());
          }
          return null;
        });
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("ANALYZE " + prefix + "work_order");
      // The same statements the store runs, with literals in place of the parameters.
      assertThat(
              plan(
                  s,
                  "SELECT * FROM "
                      + prefix
                      + "work_order WHERE tracking_number = '00000042'"
                      + " ORDER BY subscriber"))
          .contains(prefix + "work_order_tracking_idx")
          .doesNotContain("Seq Scan");
      assertThat(
              plan(
                  s,
                  "SELECT * FROM "
                      + prefix
                      + "work_order WHERE subscriber = 'client-7'"
                      + " AND status_primary IN ('OPEN') ORDER BY expected_at ASC, subscriber,"
                      + " CHAR_LENGTH(tracking_number), tracking_number LIMIT 50 OFFSET 0"))
          .containsPattern(prefix + "work_order_(subscriber|pk)")
          .doesNotContain("Seq Scan");
      assertThat(plan(s, "SELECT COUNT(*) FROM " + prefix + "work_order WHERE provider = 'nobody'"))
          .contains(prefix + "work_order_provider_idx")
          .doesNotContain("Seq Scan");
    }
  }

  private static String plan(Statement s, String sql) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = s.executeQuery("EXPLAIN " + sql)) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }
}
