package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.jdbc.testsupport.WorkOrderRows;
import dev.dispatchkit.query.WorkOrderPage;
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
import dev.dispatchkit.workorder.WorkOrderKey;
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
 * Every query shape of the store, with realistic parameters, is served by indexes: no sequential
 * scan of the work-order or event table in the plans PostgreSQL chooses on 60,000 generated work
 * orders and 120,000 events, with real statistics (VACUUM ANALYZE, extended statistics included),
 * not with sequential scans turned off. At that size a sequential scan is cheap enough that the
 * planner picks an index only where it reads far fewer rows, as it does on 10,000,000 (the latency
 * harness times the same shapes there). The statements come from {@link JdbcWorkOrders} and {@link
 * JdbcTimeline} themselves, so a change to the SQL is checked here. The review queue's statement
 * comes from {@link JdbcInbox}, on 50,000 inbox records.
 */
@TestDatabase.On(TestDatabase.POSTGRESQL)
class PostgresPlanTest extends DatabaseTest {
  private static final int ROWS = 60_000;
  private static final int INBOX_ROWS = 50_000;
  private static final DispatchPolicies POLICIES = DispatchPolicies.defaults();

  /** A late work order of the large provider, whose filters the every-filter list uses. */
  private String provider;

  private String subscriber;
  private String site;

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
      // 200 subscribers, 500 providers of skewed sizes, 1,000 sites, expected dates over two
      // years, the last five months of them mostly still active.
      s.executeUpdate(
          new WorkOrderRows(ROWS, 200, 500, 1_000, LocalDate.of(2024, 6, 1), 730, true)
              .insertInto(prefix + "work_order"));
      // Two events per work order: what the timeline read is looked up among.
      s.executeUpdate(
          "INSERT INTO "
              + prefix
              + "event (subscriber, tracking_number, version, kind, occurred_at, payload)"
              + " SELECT subscriber, tracking_number, v, 'NOTE', dispatched_at, '' FROM "
              + prefix
              + "work_order CROSS JOIN generate_series(1, 2) AS v");
      s.execute("VACUUM ANALYZE " + prefix + "work_order");
      s.execute("VACUUM ANALYZE " + prefix + "event");
      try (ResultSet late =
          s.executeQuery(
              "SELECT provider, subscriber, site_name FROM "
                  + prefix
                  + "work_order WHERE provider = 'provider-1'"
                  + " AND status_primary IN ('OPEN', 'IN_PROGRESS')"
                  + " AND status_extended <> 'ON_SITE'"
                  + " AND expected_at < TIMESTAMPTZ '2026-03-02 08:00:00+00'"
                  + " ORDER BY tracking_number LIMIT 1")) {
        assertThat(late.next()).as("a late work order of provider-1").isTrue();
        provider = late.getString(1);
        subscriber = late.getString(2);
        site = late.getString(3);
      }
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
              + INBOX_ROWS
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
      assertThat(plan(c, tx(c).inbox().subscriberQueue(subscriber, 20)))
          .contains(prefix + "inbox_subscriber_review_idx")
          .doesNotContain("Seq Scan");
    }
  }

  @Test
  void trackingNumberLookupIsAnIndexScan() throws SQLException {
    List<WorkOrder> found =
        store.inTransaction(
            (StoreTransaction t) ->
                t.workOrders().findByTrackingNumber(TrackingNumber.of("000012345")));
    assertThat(found).as("the loaded rows are real work orders").hasSize(1);
    try (Connection c = dataSource.getConnection()) {
      assertThat(plan(c, tx(c).workOrders().trackingNumberLookup(TrackingNumber.of("000012345"))))
          .contains("Index Scan using " + prefix + "work_order_tracking_idx")
          .doesNotContain("Seq Scan");
    }
  }

  @Test
  void aProvidersListWithEveryFilterIsServedByIndexes() throws SQLException {
    WorkOrderQuery query =
        WorkOrderQuery.builder(Orders.T0, POLICIES)
            .provider(ProviderId.of(provider))
            .subscriber(SubscriberId.of(subscriber))
            .siteName(site)
            .priorities(Set.of(Priority.URGENT, Priority.NON_URGENT))
            .primaryStatuses(Set.of(PrimaryStatus.OPEN, PrimaryStatus.IN_PROGRESS))
            .flags(Set.of(WorkOrderQuery.Flag.LATE))
            .build();
    assertThat(list(query)).as("the late work order matches its own filters").isNotEmpty();
    try (Connection c = dataSource.getConnection()) {
      JdbcWorkOrders orders = tx(c).workOrders();
      assertThat(plan(c, orders.listPage(query)))
          .contains(prefix + "work_order_")
          .doesNotContain("Seq Scan");
      assertThat(plan(c, orders.listCount(query)))
          .contains(prefix + "work_order_")
          .doesNotContain("Seq Scan");
    }
  }

  @Test
  void aLargeProvidersListCountsFromItsIndexAndPagesByKeysetFromItsPosition() throws SQLException {
    WorkOrderQuery first =
        WorkOrderQuery.builder(Orders.T0, POLICIES)
            .provider(ProviderId.of("provider-0"))
            .primaryStatuses(
                Set.of(PrimaryStatus.OPEN, PrimaryStatus.IN_PROGRESS, PrimaryStatus.COMPLETED))
            .priorities(Set.of(Priority.NON_URGENT))
            .page(0, 50)
            .build();
    List<WorkOrder> page = list(first);
    assertThat(page).hasSize(50);
    WorkOrderQuery next =
        WorkOrderQuery.builder(Orders.T0, POLICIES)
            .provider(ProviderId.of("provider-0"))
            .primaryStatuses(first.primaryStatuses())
            .priorities(first.priorities())
            .after(WorkOrderQuery.After.of(page.get(page.size() - 1)))
            .build();
    try (Connection c = dataSource.getConnection()) {
      JdbcWorkOrders orders = tx(c).workOrders();
      // An index-only scan where the visibility map allows it; a bitmap scan of the same index
      // while another session's old snapshot (the database is shared) keeps VACUUM from marking
      // the pages all-visible. Either way the count is served by the index of its filters.
      assertThat(plan(c, orders.listCount(first)))
          .containsPattern(
              "(Index Only Scan using|Bitmap Index Scan on) "
                  + prefix
                  + "work_order_provider_status_idx")
          .doesNotContain("Seq Scan");
      assertThat(plan(c, orders.listPage(first)))
          .contains(prefix + "work_order_provider_idx")
          .doesNotContain("Seq Scan");
      // The keyset page starts its index range at the position: "expected_at >=" is an index
      // condition, not a filter applied to every earlier row.
      assertThat(plan(c, orders.listPage(next)))
          .containsPattern("Index Cond: \\(.*provider.*expected_at >= ")
          .doesNotContain("Seq Scan");
    }
  }

  @Test
  void everySweepScanReadsAnIndexOfActiveWorkOrdersInOrder() throws SQLException {
    for (WorkOrderQuery.Flag flag :
        List.of(
            WorkOrderQuery.Flag.RESPONSE_OVERDUE,
            WorkOrderQuery.Flag.LATE,
            WorkOrderQuery.Flag.REASSIGNABLE)) {
      WorkOrderQuery first = sweepPage(flag, null);
      List<WorkOrder> page =
          store.inTransaction((StoreTransaction t) -> t.workOrders().listItems(first));
      assertThat(page).as(flag + ": a full first page").hasSize(WorkOrderQuery.MAX_LIMIT);
      WorkOrderQuery next = sweepPage(flag, WorkOrderQuery.After.of(page.get(page.size() - 1)));
      try (Connection c = dataSource.getConnection()) {
        JdbcWorkOrders orders = tx(c).workOrders();
        for (WorkOrderQuery query : List.of(first, next)) {
          // The active work orders' index, or the status index where the flag names one status
          // (response overdue: open, no answer), which holds the expected date after it.
          assertThat(plan(c, orders.listPage(query)))
              .as(flag + (query.after() == null ? " first page" : " keyset page"))
              .containsPattern("Index Scan (using|on) " + prefix + "work_order_(active|status)_idx")
              .doesNotContain("Seq Scan");
        }
      }
    }
  }

  @Test
  void aProvidersCappedCountStopsAtItsCapOnTheIndexOfItsFilters() throws SQLException {
    // A provider with a few hundred matches, well past the cap but a small share of the table:
    // for the largest one (a twentieth of the rows) reading the table until the cap is reached
    // costs about what the index does, and the planner takes either.
    String mid;
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT provider FROM "
                    + prefix
                    + "work_order WHERE status_primary IN ('OPEN', 'IN_PROGRESS', 'COMPLETED')"
                    + " AND priority = 'NON_URGENT' GROUP BY provider HAVING COUNT(*) > 200"
                    + " ORDER BY COUNT(*), provider LIMIT 1")) {
      assertThat(rows.next()).as("a provider with more than 200 matches").isTrue();
      mid = rows.getString(1);
    }
    WorkOrderQuery capped =
        WorkOrderQuery.builder(Orders.T0, POLICIES)
            .provider(ProviderId.of(mid))
            .primaryStatuses(
                Set.of(PrimaryStatus.OPEN, PrimaryStatus.IN_PROGRESS, PrimaryStatus.COMPLETED))
            .priorities(Set.of(Priority.NON_URGENT))
            .page(0, 50)
            .countUpTo(100)
            .build();
    WorkOrderPage page = store.inTransaction((StoreTransaction t) -> t.workOrders().list(capped));
    assertThat(page.totalExact()).as(mid + " has more than 100 matches").isFalse();
    assertThat(page.total()).isEqualTo(100);
    try (Connection c = dataSource.getConnection()) {
      String plan = plan(c, tx(c).workOrders().listCount(capped));
      // The LIMIT stops the scan of the count's index: the plan shows it above the index scan.
      assertThat(plan)
          .containsPattern(
              "(?s)Limit.*(Index Only Scan using|Index Scan using|Bitmap Index Scan on) "
                  + prefix
                  + "work_order_provider_(status_)?idx")
          .doesNotContain("Seq Scan");
    }
  }

  @Test
  void aFlagQueryRunsWithoutJitAndAScanByFlagRestoresTheBitmapSetting() throws SQLException {
    WorkOrderQuery flagged = sweepPage(WorkOrderQuery.Flag.REASSIGNABLE, null);
    WorkOrderQuery plain = WorkOrderQuery.builder(Orders.T0, POLICIES).page(0, 5).build();
    String setting = "on";
    try (Connection c = dataSource.getConnection()) {
      // On for this session, whatever the server's default: the flag query must turn it off.
      try (Statement s = c.createStatement()) {
        s.execute("SET jit = on");
        s.execute("SET enable_bitmapscan = on");
      }
      c.setAutoCommit(false);
      JdbcWorkOrders orders = tx(c).workOrders();
      orders.listItems(plain);
      assertThat(show(c, "jit")).as("no flag").isEqualTo(setting);
      orders.listItems(flagged);
      assertThat(show(c, "jit")).as("a flag query's transaction").isEqualTo("off");
      assertThat(show(c, "enable_bitmapscan"))
          .as("bitmap scans are off for the scan's page only")
          .isEqualTo("on");
      c.commit();
      assertThat(show(c, "jit")).as("after the transaction, SET LOCAL is gone").isEqualTo(setting);
      // A session that turned bitmap scans off keeps them off after a scan.
      try (Statement s = c.createStatement()) {
        s.execute("SET enable_bitmapscan = off");
      }
      c.setAutoCommit(false);
      tx(c).workOrders().listItems(flagged);
      assertThat(show(c, "enable_bitmapscan")).isEqualTo("off");
      c.commit();
      try (Statement s = c.createStatement()) {
        s.execute("RESET enable_bitmapscan");
      }
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("RESET jit");
      }
    }
  }

  private static String show(Connection c, String setting) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SHOW " + setting)) {
      rows.next();
      return rows.getString(1);
    }
  }

  @Test
  void subscriberAndProviderListsAreServedByIndexes() throws SQLException {
    WorkOrderQuery bySubscriber =
        WorkOrderQuery.builder(Orders.T0, POLICIES)
            .subscriber(SubscriberId.of("client-7"))
            .primaryStatuses(Set.of(PrimaryStatus.OPEN))
            .build();
    WorkOrderQuery byProvider =
        WorkOrderQuery.builder(Orders.T0, POLICIES).provider(ProviderId.of("provider-3")).build();
    try (Connection c = dataSource.getConnection()) {
      JdbcWorkOrders orders = tx(c).workOrders();
      assertThat(plan(c, orders.listPage(bySubscriber))).doesNotContain("Seq Scan");
      assertThat(plan(c, orders.listPage(byProvider)))
          .contains(prefix + "work_order_provider_idx")
          .doesNotContain("Seq Scan");
    }
  }

  @Test
  void theTimelineIsReadByItsIndex() throws SQLException {
    WorkOrderKey key =
        new WorkOrderKey(SubscriberId.of(subscriber), TrackingNumber.of("000012345"));
    try (Connection c = dataSource.getConnection()) {
      assertThat(plan(c, tx(c).timeline().eventsQuery(key)))
          .contains(prefix + "event_order_idx")
          .doesNotContain("Seq Scan");
    }
  }

  private List<WorkOrder> list(WorkOrderQuery query) {
    return store.inTransaction((StoreTransaction t) -> t.workOrders().list(query)).items();
  }

  /** The query the sweep pages with: one flag, the largest page, by keyset. */
  private static WorkOrderQuery sweepPage(WorkOrderQuery.Flag flag, WorkOrderQuery.After after) {
    return WorkOrderQuery.builder(Orders.T0, POLICIES)
        .flags(Set.of(flag))
        .page(0, WorkOrderQuery.MAX_LIMIT)
        .after(after)
        .build();
  }

  private JdbcTransaction tx(Connection c) {
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
