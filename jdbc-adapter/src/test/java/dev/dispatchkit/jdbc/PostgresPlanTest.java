package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's own statements, with realistic parameters, are served by indexes on a table of 50,000
 * work orders (PostgreSQL plans). The statements come from {@link JdbcWorkOrders} itself, so a
 * change to the SQL is checked here.
 */
@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresPlanTest extends DatabaseTest {
  private static final int ROWS = 50_000;

  PostgresPlanTest() {
    super(TestDatabase.POSTGRESQL);
  }

  /** The rows are loaded once; the tests only read them. */
  @Override
  @BeforeEach
  void emptyTables() {}

  @BeforeAll
  void loadWorkOrders() throws SQLException {
    WorkOrder template = Orders.dispatched("template", "000000000");
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(template);
          return null;
        });
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SELECT setseed(0.42)");
      s.executeUpdate(generate(prefix + "work_order", ROWS));
      s.execute("ANALYZE " + prefix + "work_order");
    }
  }

  /**
   * Rows straight into the adapter's table, copying the template's encoded lists: 100 subscribers
   * (a few large ones), 200 sites, 50 providers, a fifth urgent, expected dates over two years, old
   * work orders mostly confirmed, recent ones in every status.
   */
  static String generate(String table, int rows) {
    return "INSERT INTO "
        + table
        + " (subscriber, tracking_number, provider, site_name, site_address, site_phone,"
        + " site_zone, problem_trade, problem_description, problem_details, priority, nte_amount,"
        + " nte_currency, expected_local, expected_offset, expected_at, status_primary,"
        + " status_extended, contacts, notes, attachments, reschedule_count, dispatch_message_id,"
        + " version, dispatched_at, accepted_at, checked_in_at, decline_reason, decline_text,"
        + " decline_at)"
        + " SELECT 'client-' || floor(power(g.r1, 2) * 100)::int, lpad(g.i::text, 9, '0'),"
        + " 'provider-' || floor(g.r2 * 50)::int, 'Store ' || floor(g.r3 * 200)::int,"
        + " t.site_address, t.site_phone, t.site_zone, t.problem_trade, t.problem_description,"
        + " t.problem_details, CASE WHEN g.r4 < 0.2 THEN 'URGENT' ELSE 'NON_URGENT' END,"
        + " t.nte_amount, t.nte_currency, g.expected AT TIME ZONE t.site_zone,"
        + " EXTRACT(EPOCH FROM ((g.expected AT TIME ZONE t.site_zone)"
        + " - (g.expected AT TIME ZONE 'UTC')))::int, g.expected, s.p, s.e, t.contacts, t.notes,"
        + " t.attachments, 0, NULL, 3, g.expected - interval '2 days',"
        + " CASE WHEN s.p IN ('IN_PROGRESS', 'COMPLETED') THEN g.expected - interval '1 day' END,"
        + " CASE WHEN s.e = 'ON_SITE' THEN g.expected END, NULL,"
        + " CASE WHEN s.e = 'DECLINED' THEN 'Non' END,"
        + " CASE WHEN s.e = 'DECLINED' THEN g.expected - interval '1 day' END"
        + " FROM (SELECT i, random() AS r1, random() AS r2, random() AS r3, random() AS r4,"
        + " random() AS r5, date_trunc('minute', TIMESTAMPTZ '2024-06-01 00:00:00+00'"
        + " + random() * interval '730 days') AS expected FROM generate_series(1, "
        + rows
        + ") AS i) g"
        + " CROSS JOIN LATERAL (SELECT CASE"
        + " WHEN g.expected < TIMESTAMPTZ '2026-01-01 00:00:00+00' THEN CASE"
        + "   WHEN g.r5 < 0.85 THEN 'COMPLETED' WHEN g.r5 < 0.95 THEN 'CANCELLED'"
        + "   ELSE 'COMPLETED' END"
        + " ELSE CASE WHEN g.r5 < 0.40 THEN 'OPEN' WHEN g.r5 < 0.75 THEN 'IN_PROGRESS'"
        + "   WHEN g.r5 < 0.95 THEN 'COMPLETED' ELSE 'CANCELLED' END END AS p,"
        + " CASE"
        + " WHEN g.expected < TIMESTAMPTZ '2026-01-01 00:00:00+00' THEN CASE"
        + "   WHEN g.r5 < 0.85 THEN 'CONFIRMED' WHEN g.r5 < 0.95 THEN 'NONE'"
        + "   ELSE 'PENDING_CONFIRMATION' END"
        + " ELSE CASE WHEN g.r5 < 0.35 THEN 'NONE' WHEN g.r5 < 0.40 THEN 'DECLINED'"
        + "   WHEN g.r5 < 0.65 THEN 'DISPATCH_CONFIRMED' WHEN g.r5 < 0.75 THEN 'ON_SITE'"
        + "   WHEN g.r5 < 0.95 THEN 'PENDING_CONFIRMATION' ELSE 'NONE' END END AS e) s"
        + " CROSS JOIN (SELECT * FROM "
        + table
        + " WHERE subscriber = 'template') t";
  }

  @Test
  void trackingNumberLookupIsAnIndexScan() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      JdbcTransaction tx = transaction(c);
      List<WorkOrder> found =
          store.inTransaction(
              (StoreTransaction t) ->
                  t.workOrders().findByTrackingNumber(TrackingNumber.of("000012345")));
      assertThat(found).as("the loaded rows are real work orders").hasSize(1);
      assertThat(plan(c, tx.workOrders().trackingNumberLookup(TrackingNumber.of("000012345"))))
          .contains("Index Scan using " + prefix + "work_order_tracking_idx")
          .doesNotContain("Seq Scan");
    }
  }

  @Test
  void filteredPagedListIsServedByAnIndex() throws SQLException {
    WorkOrderQuery query =
        WorkOrderQuery.builder(Orders.T0, DispatchPolicies.defaults())
            .siteName("Store 42")
            .primaryStatuses(Set.of(PrimaryStatus.OPEN, PrimaryStatus.IN_PROGRESS))
            .priorities(Set.of(Priority.URGENT))
            .sort(WorkOrderQuery.Sort.EXPECTED_DATE_ASC)
            .page(0, 50)
            .build();
    assertThat(store.inTransaction((StoreTransaction t) -> t.workOrders().list(query)).items())
        .isNotEmpty()
        .allSatisfy(o -> assertThat(o.site().name()).isEqualTo("Store 42"));
    try (Connection c = dataSource.getConnection()) {
      JdbcTransaction tx = transaction(c);
      assertThat(plan(c, tx.workOrders().listPage(query)))
          .contains(prefix + "work_order_site_idx")
          .doesNotContain("Seq Scan");
      assertThat(plan(c, tx.workOrders().listCount(query)))
          .contains(prefix + "work_order_site_idx")
          .doesNotContain("Seq Scan");
    }
  }

  @Test
  void subscriberAndProviderListsAreServedByIndexes() throws SQLException {
    WorkOrderQuery bySubscriber =
        WorkOrderQuery.builder(Orders.T0, DispatchPolicies.defaults())
            .subscriber(SubscriberId.of("client-7"))
            .primaryStatuses(Set.of(PrimaryStatus.OPEN))
            .build();
    WorkOrderQuery byProvider =
        WorkOrderQuery.builder(Orders.T0, DispatchPolicies.defaults())
            .provider(ProviderId.of("provider-3"))
            .build();
    try (Connection c = dataSource.getConnection()) {
      JdbcTransaction tx = transaction(c);
      assertThat(plan(c, tx.workOrders().listPage(bySubscriber))).doesNotContain("Seq Scan");
      assertThat(plan(c, tx.workOrders().listPage(byProvider)))
          .contains(prefix + "work_order_provider_idx")
          .doesNotContain("Seq Scan");
    }
  }

  private JdbcTransaction transaction(Connection c) {
    return new JdbcTransaction(c, Dialect.POSTGRESQL.sql(), new Tables(prefix));
  }

  /**
   * The plan PostgreSQL chooses for the statement with its parameters bound, as the store runs it.
   */
  private static String plan(Connection c, JdbcWorkOrders.BoundSql statement) throws SQLException {
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement s = c.prepareStatement("EXPLAIN " + statement.sql())) {
      statement.binder().bind(s);
      try (ResultSet rows = s.executeQuery()) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      }
    }
    return plan.toString();
  }
}
