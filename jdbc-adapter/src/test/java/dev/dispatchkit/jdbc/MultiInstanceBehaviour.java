package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.Orders.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.jdbc.testsupport.TestPool;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.workorder.Change;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Four store instances, each on its own data source (its own connections), receive the same 1,000
 * replies and drain the same outbox at the same time, as four application instances would.
 */
abstract class MultiInstanceBehaviour extends DatabaseTest {
  private static final int INSTANCES = 4;
  private static final int REPLIES = 1_000;
  private static final int ORDERS = 50;

  /** Connections per instance: a receiver and a relay, each with one transaction at a time. */
  private static final int POOL_SIZE = 2;

  private final List<TestPool> pools = new ArrayList<>();

  MultiInstanceBehaviour(TestDatabase database) {
    super(database);
  }

  /** A pool of its own, on a data source of its own: one application instance's connections. */
  private DataSource pool() {
    TestPool pool = new TestPool(database.dataSource(prefix), POOL_SIZE);
    pools.add(pool);
    return pool;
  }

  @AfterEach
  void closePools() {
    pools.forEach(TestPool::close);
    pools.clear();
  }

  @Test
  void everyReplyIsAppliedOnceAndEveryMailIsSentOnceAcrossInstances() throws Exception {
    List<WorkOrder> orders = new ArrayList<>();
    for (int i = 0; i < ORDERS; i++) {
      orders.add(
          Orders.dispatched("client-1", String.format(java.util.Locale.ROOT, "%06d", 200_000 + i)));
    }
    store.inTransaction(
        (StoreTransaction tx) -> {
          orders.forEach(tx.workOrders()::insert);
          return null;
        });

    List<WorkOrderStore> instances = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      instances.add(JdbcStore.builder(pool()).tablePrefix(prefix).migrate(false).build());
    }
    Map<String, AtomicInteger> claims = new ConcurrentHashMap<>();
    AtomicInteger applied = new AtomicInteger();
    AtomicBoolean receiving = new AtomicBoolean(true);
    ExecutorService pool = Executors.newFixedThreadPool(INSTANCES * 2);
    try {
      List<Future<?>> receivers = new ArrayList<>();
      List<Future<?>> relays = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        WorkOrderStore instance = instances.get(i);
        List<Integer> replies = new ArrayList<>();
        for (int r = 0; r < REPLIES; r++) {
          replies.add(r);
        }
        Collections.shuffle(replies, new Random(i));
        receivers.add(
            pool.submit(
                () -> {
                  for (int reply : replies) {
                    if (retrying(() -> receive(instance, orders.get(reply % ORDERS), reply))) {
                      applied.incrementAndGet();
                    }
                  }
                  return null;
                }));
        relays.add(
            pool.submit(
                () -> {
                  boolean more = true;
                  while (receiving.get() || more) {
                    List<OutboxEntry> batch =
                        retrying(
                            () ->
                                instance.inTransaction(
                                    (StoreTransaction tx) -> {
                                      List<OutboxEntry> due =
                                          tx.outbox()
                                              .claimDue(
                                                  T0.plus(Duration.ofDays(1)),
                                                  Duration.ofHours(1),
                                                  20);
                                      return due;
                                    }));
                    for (OutboxEntry entry : batch) {
                      claims
                          .computeIfAbsent(entry.id(), id -> new AtomicInteger())
                          .incrementAndGet();
                      retrying(
                          () ->
                              instance.inTransaction(
                                  (StoreTransaction tx) -> {
                                    tx.outbox().markSent(entry.id(), T0.plus(Duration.ofDays(1)));
                                    return null;
                                  }));
                    }
                    more = !batch.isEmpty();
                    if (!more) {
                      Thread.sleep(
                          10); // an idle relay polls, as a real one would, instead of spinning
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> receiver : receivers) {
        receiver.get(120, TimeUnit.SECONDS);
      }
      receiving.set(false);
      for (Future<?> relay : relays) {
        relay.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(applied).hasValue(REPLIES);
    for (WorkOrder order : orders) {
      WorkOrder stored =
          store
              .inTransaction((StoreTransaction tx) -> tx.workOrders().find(order.key()))
              .orElseThrow();
      List<WorkOrderEvent> timeline =
          store.inTransaction((StoreTransaction tx) -> tx.timeline().events(order.key()));
      assertThat(stored.notes()).hasSize(REPLIES / ORDERS);
      assertThat(stored.version()).isEqualTo(1 + REPLIES / ORDERS);
      assertThat(timeline).hasSize(REPLIES / ORDERS);
      assertThat(stored.notes()).extracting(n -> n.text()).doesNotHaveDuplicates();
    }
    assertThat(claims).hasSize(REPLIES);
    assertThat(claims.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    for (int r = 0; r < REPLIES; r += 97) {
      int reply = r;
      assertThat(store.inTransaction((StoreTransaction tx) -> tx.outbox().find("mail-" + reply)))
          .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(OutboxEntry.State.SENT));
    }
  }

  @Test
  void fourFacadesApplyEveryReplyOnceAndHandEveryMailToTheSenderOnce() throws Exception {
    SettableClock clock = SettableClock.at(Fixtures.T0);
    FlakySender sender = new FlakySender();
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.preferences().save(Fixtures.preference());
          return null;
        });
    List<DispatchKit> kits = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      kits.add(
          Fixtures.kit(
                  JdbcStore.builder(pool()).tablePrefix(prefix).migrate(false).build(),
                  sender,
                  clock)
              // The test moves the clock to make failed mail due again; a lease that never runs
              // out while a relay is sending keeps a claimed mail from being claimed twice.
              .outboxLease(Duration.ofDays(365))
              .outboxRetry(5, Duration.ofMinutes(1), Duration.ofMinutes(1))
              .build());
    }
    ExecutorService pool = Executors.newFixedThreadPool(INSTANCES * 2);
    try {
      // The dispatch mails stay in the outbox: the relays below drain them with the replies' mail.
      List<Future<?>> dispatchers = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        DispatchKit kit = kits.get(i);
        int first = i;
        dispatchers.add(
            pool.submit(
                () -> {
                  for (int o = first; o < REPLIES; o += INSTANCES) {
                    kit.dispatch(Fixtures.dispatch().trackingNumber(tracking(o)).build());
                  }
                  return null;
                }));
      }
      for (Future<?> dispatcher : dispatchers) {
        dispatcher.get(120, TimeUnit.SECONDS);
      }
      List<InboundMessage> replies = replies();
      assertThat(replies).hasSize(REPLIES);

      Map<String, List<InboundResult.Outcome>> outcomes = new ConcurrentHashMap<>();
      AtomicInteger transientFailures = new AtomicInteger();
      AtomicBoolean relaying = new AtomicBoolean(true);
      List<Future<?>> receivers = new ArrayList<>();
      List<Future<?>> relays = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        DispatchKit kit = kits.get(i);
        List<InboundMessage> order = new ArrayList<>(replies);
        Collections.shuffle(order, new Random(i));
        receivers.add(
            pool.submit(
                () -> {
                  for (InboundMessage reply : order) {
                    InboundResult result = handleUntilDone(kit, reply, transientFailures);
                    outcomes
                        .computeIfAbsent(reply.messageId(), id -> new CopyOnWriteArrayList<>())
                        .add(result.outcome());
                  }
                  return null;
                }));
        relays.add(
            pool.submit(
                () -> {
                  while (relaying.get()) {
                    if (kit.relayOutbox() == 0) {
                      Thread.sleep(5); // an idle relay polls, as a host's scheduler would
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> receiver : receivers) {
        receiver.get(120, TimeUnit.SECONDS);
      }
      // Failed sends wait for their backoff: move time on until the outbox is drained.
      for (int tick = 0; pending() > 0; tick++) {
        assertThat(tick).as("outbox still not drained").isLessThan(6_000);
        clock.advance(Duration.ofMinutes(2));
        Thread.sleep(20);
      }
      relaying.set(false);
      for (Future<?> relay : relays) {
        relay.get(120, TimeUnit.SECONDS);
      }

      assertThat(outcomes).hasSize(REPLIES);
      assertThat(outcomes.values())
          .allSatisfy(
              seen ->
                  assertThat(seen)
                      .hasSize(INSTANCES)
                      .containsOnlyOnce(InboundResult.Outcome.APPLIED)
                      .containsOnly(
                          InboundResult.Outcome.APPLIED, InboundResult.Outcome.DUPLICATE));
      assertThat(count("SELECT COUNT(*) FROM " + prefix + "inbox")).isEqualTo(REPLIES);
      for (int o = 0; o < REPLIES; o++) {
        WorkOrder order =
            kits.get(0).find(Fixtures.SUBSCRIBER, TrackingNumber.of(tracking(o))).orElseThrow();
        List<CommandKind> kinds =
            kits.get(0).timeline(order.key()).stream().map(WorkOrderEvent::kind).toList();
        CommandKind expected = accepts(o) ? CommandKind.ACCEPT : CommandKind.DECLINE;
        assertThat(kinds).as(order.key().toString()).containsOnlyOnce(expected);
        assertThat(kinds)
            .as(order.key().toString())
            .doesNotContain(accepts(o) ? CommandKind.DECLINE : CommandKind.ACCEPT);
        assertThat(order.status())
            .isEqualTo(accepts(o) ? Status.DISPATCH_CONFIRMED : Status.DECLINED);
      }

      // Every queued mail was sent; the sender got it once, or twice when the first send failed.
      Map<String, String> states = outboxStates();
      assertThat(states.size()).isGreaterThanOrEqualTo(2 * REPLIES);
      assertThat(states.values()).containsOnly("SENT");
      assertThat(sender.delivered.keySet()).isEqualTo(states.keySet());
      assertThat(sender.delivered.values()).allSatisfy(n -> assertThat(n).hasValue(1));
      for (Map.Entry<String, AtomicInteger> attempts : sender.attempts.entrySet()) {
        assertThat(attempts.getValue())
            .as(attempts.getKey())
            .hasValue(FlakySender.failsOnce(attempts.getKey()) ? 2 : 1);
      }
      assertThat(sender.failures).hasPositiveValue();
    } finally {
      pool.shutdownNow();
    }
  }

  private static String tracking(int order) {
    return String.valueOf(300_000 + order);
  }

  /** Even work orders get an "OK", odd ones a "Non". */
  private static boolean accepts(int order) {
    return order % 2 == 0;
  }

  /** One reply per work order, to the address and message id of its service request. */
  private List<InboundMessage> replies() throws SQLException {
    List<InboundMessage> replies = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT d.tracking_number, o.message_id, o.reply_to, o.subject FROM "
                    + prefix
                    + "dispatch d JOIN "
                    + prefix
                    + "outbox o ON o.message_id = d.message_id")) {
      while (rows.next()) {
        int order = Integer.parseInt(rows.getString(1)) - 300_000;
        replies.add(
            InboundMessage.builder()
                .messageId("reply-" + order + "@acme-plumbing.example")
                .from(Fixtures.PROVIDER_ADDRESS)
                .to(rows.getString(3))
                .inReplyTo(rows.getString(2))
                .subject("RE: " + rows.getString(4))
                .date(OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(1)))
                .textBody(
                    accepts(order)
                        ? "OK, technicien en route"
                        : "Non, pas disponible cette semaine")
                .build());
      }
    }
    return replies;
  }

  /**
   * Handles a reply the way a host's poller does: a transaction that fails for a passing reason (a
   * deadlock victim, a serialization failure) leaves the message unacknowledged, to be handled
   * again.
   */
  private static InboundResult handleUntilDone(
      DispatchKit kit, InboundMessage reply, AtomicInteger transientFailures) {
    for (int attempt = 1; ; attempt++) {
      try {
        return kit.handle(reply);
      } catch (StoreException e) {
        transientFailures.incrementAndGet();
        if (attempt >= 20) {
          throw e;
        }
      }
    }
  }

  private long pending() throws SQLException {
    return count("SELECT COUNT(*) FROM " + prefix + "outbox WHERE state = 'PENDING'");
  }

  private long count(String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Map<String, String> outboxStates() throws SQLException {
    Map<String, String> states = new HashMap<>();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery("SELECT message_id, state FROM " + prefix + "outbox")) {
      while (rows.next()) {
        states.put(rows.getString(1), rows.getString(2));
      }
    }
    return states;
  }

  /**
   * Keeps count of what it is given, per message id; the first send of about one mail in ten fails
   * with a passing failure, chosen by the message id so that the choice does not depend on timing.
   */
  private static final class FlakySender implements MailSender {
    final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
    final AtomicInteger failures = new AtomicInteger();

    static boolean failsOnce(String messageId) {
      return Math.floorMod(messageId.hashCode(), 10) == 0;
    }

    @Override
    public void send(OutboundMail mail) {
      int attempt =
          attempts.computeIfAbsent(mail.messageId(), id -> new AtomicInteger()).incrementAndGet();
      if (attempt == 1 && failsOnce(mail.messageId())) {
        failures.incrementAndGet();
        throw new MailTransportException(
            "server unavailable (test)", false, mail.messageId(), null);
      }
      delivered.computeIfAbsent(mail.messageId(), id -> new AtomicInteger()).incrementAndGet();
    }
  }

  /** One reply in one unit of work: inbox, work order, timeline and outbox commit together. */
  private static boolean receive(WorkOrderStore instance, WorkOrder target, int reply) {
    return instance.inTransaction(
        (StoreTransaction tx) -> {
          Instant at = T0.plusSeconds(reply);
          InboxRecord record =
              new InboxRecord(
                  "<reply-" + reply + "@acme.example>",
                  null,
                  null,
                  at,
                  Intent.UNCLEAR,
                  "note",
                  target.key(),
                  "applied",
                  false);
          if (!tx.inbox().record(record)) {
            return false;
          }
          WorkOrder current = tx.workOrders().find(target.key()).orElseThrow();
          Change change =
              current.handle(
                  new WorkOrderCommand.AddNote("reply " + reply, NoteAuthor.PROVIDER), at);
          tx.workOrders().update(change.after(), current.version());
          tx.timeline().append(target.key(), change.event());
          tx.outbox().enqueue(Orders.mail("mail-" + reply), T0);
          return true;
        });
  }

  /** Runs a unit of work again after a lost race (a version conflict, a deadlock victim). */
  private static <T> T retrying(java.util.function.Supplier<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return work.get();
      } catch (StoreException e) {
        if (attempt >= 100) {
          throw e;
        }
      }
    }
  }
}
