package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.Orders.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.StoreException;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.Change;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Four store instances, each on its own data source (its own connections), receive the same 1,000
 * replies and drain the same outbox at the same time, as four application instances would.
 */
abstract class MultiInstanceBehaviour extends DatabaseTest {
  private static final int INSTANCES = 4;
  private static final int REPLIES = 1_000;
  private static final int ORDERS = 50;

  MultiInstanceBehaviour(TestDatabase database) {
    super(database);
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
          orders.forEach(tx::insert);
          return null;
        });

    List<WorkOrderStore> instances = new ArrayList<>();
    for (int i = 0; i < INSTANCES; i++) {
      instances.add(
          JdbcStore.builder(database.dataSource(prefix))
              .tablePrefix(prefix)
              .runMigrations(false)
              .build());
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
                                          tx.claimDue(
                                              T0.plus(Duration.ofDays(1)), Duration.ofHours(1), 20);
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
                                    tx.markSent(entry.id(), T0.plus(Duration.ofDays(1)));
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
          store.inTransaction((StoreTransaction tx) -> tx.find(order.key())).orElseThrow();
      List<WorkOrderEvent> timeline =
          store.inTransaction((StoreTransaction tx) -> tx.timeline(order.key()));
      assertThat(stored.notes()).hasSize(REPLIES / ORDERS);
      assertThat(stored.version()).isEqualTo(1 + REPLIES / ORDERS);
      assertThat(timeline).hasSize(REPLIES / ORDERS);
      assertThat(stored.notes()).extracting(n -> n.text()).doesNotHaveDuplicates();
    }
    assertThat(claims).hasSize(REPLIES);
    assertThat(claims.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    for (int r = 0; r < REPLIES; r += 97) {
      int reply = r;
      assertThat(store.inTransaction((StoreTransaction tx) -> tx.outboxEntry("mail-" + reply)))
          .hasValueSatisfying(e -> assertThat(e.state()).isEqualTo(OutboxEntry.State.SENT));
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
          if (!tx.recordInbound(record)) {
            return false;
          }
          WorkOrder current = tx.find(target.key()).orElseThrow();
          Change change =
              current.handle(
                  new WorkOrderCommand.AddNote("reply " + reply, NoteAuthor.PROVIDER), at);
          tx.update(change.after(), current.version());
          tx.append(target.key(), change.event());
          tx.enqueue(Orders.mail("mail-" + reply), T0);
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
