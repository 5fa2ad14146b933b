package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.jdbc.testsupport.WorkOrderRows;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.spi.InboxRecord;
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
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store's own statements, with realistic parameters, are served by indexes on a table of 50,000
 * work orders and 50,000 inbox records (PostgreSQL plans). The statements come from {@link
 * JdbcWorkOrders} and {@link JdbcInbox} themselves, so a change to the SQL is checked here.
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
      // 100 subscribers, 50 providers, 200 sites, expected dates over two years.
      s.executeUpdate(
          new WorkOrderRows(ROWS, 100, 50, 200, LocalDate.of(2024, 6, 1), 730)
              .insertInto(prefix + "work_order"));
      s.execute("ANALYZE " + prefix + "work_order");
      // 50,000 handled replies of 100 subscribers, one in 49 still waiting for a person.
      s.executeUpdate(
          "INSERT INTO "
              + prefix
              + "inbox (dedup_hash, dedup_key, received_at, intent, reason, subscriber,"
              + " tracking_number, outcome, needs_review)"
              + " SELECT md5(g::text) || md5((g + 1)::text), 'k' || g,"
              + " timestamptz '2026-01-01 00:00:00+00' + g * interval '1 minute', 'UNCLEAR',"
              + " 'no-decision-word', 'client-' || (g % 100), lpad(g::text, 9, '0'), 'unclear',"
              + " g % 49 = 0"
              + " FROM generate_series(1, "
              + ROWS
              + ") g");
      s.execute("ANALYZE " + prefix + "inbox");
    }
  }

  @Test
  void aSubscribersReviewQueueIsServedByItsIndex() throws SQLException {
    SubscriberId subscriber = SubscriberId.of("client-7");
    List<InboxRecord> queue =
        store.inTransaction((StoreTransaction t) -> t.inbox().needingReview(subscriber, 20));
    assertThat(queue)
        .as("the loaded rows are real inbox records")
        .hasSize(10)
        .allSatisfy(r -> assertThat(r.key().subscriber()).isEqualTo(subscriber))
        .isSortedAccordingTo(java.util.Comparator.comparing(InboxRecord::receivedAt));
    try (Connection c = dataSource.getConnection()) {
      JdbcTransaction tx = transaction(c);
      assertThat(plan(c, tx.inbox().subscriberQueue(subscriber, 20)))
          .contains(prefix + "inbox_subscriber_review_idx")
          .doesNotContain("Seq Scan");
    }
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
