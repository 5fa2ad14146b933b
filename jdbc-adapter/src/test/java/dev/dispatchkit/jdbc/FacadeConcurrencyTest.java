package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.error.DispatchKitException;
import dev.dispatchkit.error.DuplicateMessageException;
import dev.dispatchkit.error.ReviewResolvedException;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.InboundResult.Outcome;
import dev.dispatchkit.reply.ReviewDecision;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.RecordingMailSender;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two DispatchKit instances, each on a store with connections of its own, race on one work order of
 * a real database. A barrier holds each instance's first transaction right after it read the work
 * order (or the inbox), so that both read the same version before either writes: every round is a
 * real lost race, and the loser must go through the facade's retry.
 */
abstract class FacadeConcurrencyTest extends DatabaseTest {
  private static final int ROUNDS = 30;

  private final SettableClock clock = SettableClock.at(Fixtures.T0);
  private final RecordingMailSender sender = new RecordingMailSender();
  private ExecutorService pool;
  private Racing racingA;
  private Racing racingB;
  private DispatchKit kitA;
  private DispatchKit kitB;

  FacadeConcurrencyTest(TestDatabase database) {
    super(database);
  }

  @BeforeEach
  void twoInstances() {
    pool = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stopPool() {
    pool.shutdownNow();
  }

  /** Empties the tables and builds both instances, held at the first call of {@code methods}. */
  private void freshRound(Set<String> methods) {
    schema.empty();
    sender.clear();
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.preferences().save(Fixtures.preference());
          return null;
        });
    CyclicBarrier barrier = new CyclicBarrier(2);
    racingA = new Racing(instanceStore(), barrier, methods);
    racingB = new Racing(instanceStore(), barrier, methods);
    kitA = kit(racingA);
    kitB = kit(racingB);
  }

  private WorkOrderStore instanceStore() {
    return JdbcStore.builder(database.dataSource(prefix))
        .tablePrefix(prefix)
        .migrate(false)
        .build();
  }

  private DispatchKit kit(WorkOrderStore store) {
    return Fixtures.kit(store, sender, clock).attachmentStore(schema.attachments()).build();
  }

  /** Dispatches and sends the service request, with the race off. */
  private WorkOrder dispatched() {
    WorkOrder order = kitA.dispatch(Fixtures.dispatch().build());
    kitA.relayOutbox();
    return order;
  }

  private InboundMessage.Builder reply(String messageId, String text) {
    OutboundMail request = sender.sentTo(Fixtures.PROVIDER_ADDRESS).get(0);
    return InboundMessage.builder()
        .messageId(messageId)
        .from(Fixtures.PROVIDER_ADDRESS)
        .to(request.replyTo())
        .inReplyTo(request.messageId())
        .subject("RE: " + request.subject())
        .date(OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(1)))
        .textBody(text);
  }

  private <A, B> Results<A, B> race(Callable<A> a, Callable<B> b) throws Exception {
    racingA.armed = true;
    racingB.armed = true;
    try {
      Future<A> fa = pool.submit(a);
      Future<B> fb = pool.submit(b);
      return new Results<>(fa.get(60, TimeUnit.SECONDS), fb.get(60, TimeUnit.SECONDS));
    } finally {
      racingA.armed = false;
      racingB.armed = false;
    }
  }

  private record Results<A, B>(A a, B b) {}

  private WorkOrder stored(WorkOrder order) {
    return kitA.find(order.subscriber(), order.trackingNumber()).orElseThrow();
  }

  private List<OutboundMail> sentAfterRelay(String to, MailKind kind) {
    while (kitA.relayOutbox() > 0) {
      // drain
    }
    return sender.sentTo(to).stream().filter(m -> m.kind() == kind).toList();
  }

  /** The stored work order is exactly what its timeline replays to: no update without its event. */
  private void assertTimelineReplays(WorkOrder order) {
    List<WorkOrderEvent> timeline = kitA.timeline(order.key());
    assertThat(WorkOrder.replay(timeline)).isEqualTo(stored(order));
    assertThat(stored(order).version()).isEqualTo(timeline.size());
  }

  @Test
  void concurrentOkAndNonFromTwoInstancesExactlyOneWins() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      freshRound(Set.of("WorkOrders.find"));
      WorkOrder order = dispatched();
      InboundMessage ok = reply("ok-" + round + "@acme.example", "OK").build();
      InboundMessage non = reply("non-" + round + "@acme.example", "Non").build();

      Results<InboundResult, InboundResult> r = race(() -> kitA.handle(ok), () -> kitB.handle(non));

      boolean okWon = r.a().outcome() == Outcome.APPLIED;
      assertThat(List.of(r.a().outcome(), r.b().outcome()))
          .containsExactlyInAnyOrder(Outcome.APPLIED, Outcome.NOT_APPLIED);
      assertThat(stored(order).status())
          .isEqualTo(okWon ? Status.DISPATCH_CONFIRMED : Status.DECLINED);
      List<WorkOrderEvent> timeline = kitA.timeline(order.key());
      assertThat(timeline)
          .extracting(WorkOrderEvent::kind)
          .containsExactly(
              CommandKind.DISPATCH,
              CommandKind.RECORD_DISPATCH_MESSAGE,
              okWon ? CommandKind.ACCEPT : CommandKind.DECLINE);
      assertTimelineReplays(order);
      // The loser read version 2 like the winner, lost the update, and was retried from the start.
      assertThat(racingA.conflicts.get() + racingB.conflicts.get()).isEqualTo(1);
      assertThat(sentAfterRelay(Fixtures.PROVIDER_ADDRESS, MailKind.MACHINE_NOTICE)).hasSize(1);
      assertThat(sentAfterRelay(Fixtures.CLIENT_ADDRESS, MailKind.NOTIFICATION)).hasSize(1);
    }
  }

  @Test
  void sameReplyOnTwoInstancesIsAppliedOnce() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      freshRound(Set.of("WorkOrders.find"));
      WorkOrder order = dispatched();
      InboundMessage ok = reply("same-" + round + "@acme.example", "OK, en route").build();

      Results<InboundResult, InboundResult> r = race(() -> kitA.handle(ok), () -> kitB.handle(ok));

      assertThat(List.of(r.a().outcome(), r.b().outcome()))
          .containsExactlyInAnyOrder(Outcome.APPLIED, Outcome.DUPLICATE);
      // Both passed the inbox check before either wrote: only the retry can see the duplicate.
      assertThat(racingA.conflicts.get() + racingB.conflicts.get()).isEqualTo(1);
      assertThat(stored(order).status()).isEqualTo(Status.DISPATCH_CONFIRMED);
      assertThat(stored(order).notes()).hasSize(1);
      assertTimelineReplays(order);
      assertThat(sentAfterRelay(Fixtures.CLIENT_ADDRESS, MailKind.NOTIFICATION)).hasSize(1);
      assertThat(sentAfterRelay(Fixtures.PROVIDER_ADDRESS, MailKind.MACHINE_NOTICE)).isEmpty();
    }
  }

  @Test
  void sameAutoReplyOnTwoInstancesIsRecordedOnceThroughTheInboxKey() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      freshRound(Set.of("Inbox.find"));
      WorkOrder order = dispatched();
      InboundMessage away =
          reply("away-" + round + "@acme.example", "Je suis absent")
              .subject("Réponse automatique : absent")
              .build();

      Results<InboundResult, InboundResult> r =
          race(() -> kitA.handle(away), () -> kitB.handle(away));

      assertThat(List.of(r.a().outcome(), r.b().outcome()))
          .containsExactlyInAnyOrder(Outcome.MACHINE_MAIL, Outcome.DUPLICATE);
      // Nothing to update: the loser learns of the winner only from the inbox's unique key.
      assertThat(racingA.inboxRaces.get() + racingB.inboxRaces.get()).isEqualTo(1);
      assertThat(
              store
                  .inTransaction((StoreTransaction tx) -> tx.inbox().find(away.messageId()))
                  .orElseThrow()
                  .outcome())
          .isEqualTo("auto-reply-recorded");
      assertThat(stored(order).version()).isEqualTo(2);
    }
  }

  @Test
  void oneReviewItemResolvedOnTwoInstancesAtOnceIsAppliedOnce() throws Exception {
    int acceptWon = 0;
    for (int round = 0; round < ROUNDS; round++) {
      freshRound(Set.of("Inbox.find"));
      WorkOrder order = dispatched();
      InboundMessage unclear = reply("unclear-" + round + "@acme.example", "Peut-être").build();
      assertThat(kitA.handle(unclear).outcome()).isEqualTo(Outcome.REVIEW);
      String id = kitA.reviewQueue(10).get(0).id();
      sentAfterRelay(Fixtures.PROVIDER_ADDRESS, MailKind.MACHINE_NOTICE);
      sender.clear();

      // Both read the item as waiting before either marks it: only the mark can tell them apart.
      Results<Object, Object> r =
          race(
              () -> outcome(() -> kitA.resolveReview(id, ReviewDecision.ACCEPT, "au téléphone")),
              () -> outcome(() -> kitB.resolveReview(id, ReviewDecision.DECLINE, "pas dispo")));

      List<Object> outcomes = List.of(r.a(), r.b());
      assertThat(outcomes).filteredOn(ReviewResolvedException.class::isInstance).hasSize(1);
      assertThat(outcomes).filteredOn(Optional.class::isInstance).hasSize(1);
      boolean accepted = r.a() instanceof Optional<?>;
      acceptWon += accepted ? 1 : 0;
      Status expected = accepted ? Status.DISPATCH_CONFIRMED : Status.DECLINED;
      assertThat(stored(order).status()).isEqualTo(expected);
      assertThat(kitA.timeline(order.key()))
          .extracting(WorkOrderEvent::kind)
          .containsExactly(
              CommandKind.DISPATCH,
              CommandKind.RECORD_DISPATCH_MESSAGE,
              CommandKind.ADD_NOTE,
              accepted ? CommandKind.ACCEPT : CommandKind.DECLINE,
              CommandKind.ADD_NOTE);
      assertTimelineReplays(order);
      InboxRecord resolved =
          store.inTransaction((StoreTransaction tx) -> tx.inbox().find(id)).orElseThrow();
      assertThat(resolved.reviewOutcome()).isEqualTo(accepted ? "ACCEPT" : "DECLINE");
      assertThat(kitB.reviewQueue(10)).isEmpty();
      assertThat(sentAfterRelay(Fixtures.CLIENT_ADDRESS, MailKind.NOTIFICATION)).hasSize(1);
    }
    // Not asserted further: which side wins is the scheduler's choice.
    assertThat(acceptWon).isBetween(0, ROUNDS);
  }

  /** What the call returned, or the DispatchKit exception it threw. */
  private static Object outcome(Callable<?> call) throws Exception {
    try {
      return call.call();
    } catch (DispatchKitException e) {
      return e;
    }
  }

  @Test
  void cancelRacingAnOkIsConsistentAndLosesNoUpdate() throws Exception {
    int replyWon = 0;
    for (int round = 0; round < ROUNDS; round++) {
      freshRound(Set.of("WorkOrders.find"));
      WorkOrder order = dispatched();
      InboundMessage ok = reply("ok-" + round + "@acme.example", "OK").build();

      Results<InboundResult, WorkOrder> r =
          race(() -> kitA.handle(ok), () -> kitB.cancel(order.key(), "no longer needed"));

      assertThat(r.b().status()).isEqualTo(Status.CANCELLED);
      assertThat(stored(order).status()).isEqualTo(Status.CANCELLED);
      List<CommandKind> kinds =
          kitA.timeline(order.key()).stream().map(WorkOrderEvent::kind).toList();
      if (r.a().outcome() == Outcome.APPLIED) {
        replyWon++;
        // The accept committed first; the cancel was retried on top of it, not over it.
        assertThat(kinds)
            .containsExactly(
                CommandKind.DISPATCH,
                CommandKind.RECORD_DISPATCH_MESSAGE,
                CommandKind.ACCEPT,
                CommandKind.CANCEL);
        assertThat(sentAfterRelay(Fixtures.PROVIDER_ADDRESS, MailKind.MACHINE_NOTICE)).isEmpty();
      } else {
        assertThat(r.a().outcome()).isEqualTo(Outcome.NOT_APPLIED);
        assertThat(kinds)
            .containsExactly(
                CommandKind.DISPATCH, CommandKind.RECORD_DISPATCH_MESSAGE, CommandKind.CANCEL);
        assertThat(sentAfterRelay(Fixtures.PROVIDER_ADDRESS, MailKind.MACHINE_NOTICE)).hasSize(1);
      }
      assertTimelineReplays(order);
      assertThat(racingA.conflicts.get() + racingB.conflicts.get()).isEqualTo(1);
    }
    // Not asserted further: which side wins is the scheduler's choice.
    assertThat(replyWon).isBetween(0, ROUNDS);
  }

  /**
   * A store that holds each thread's first transaction at the first call of one of {@code methods}
   * (named as role and method, such as {@code WorkOrders.find}) until the other instance got there
   * too, and counts what the facade had to recover from.
   */
  private static final class Racing implements WorkOrderStore {
    private final WorkOrderStore delegate;
    private final CyclicBarrier barrier;
    private final Set<String> methods;
    private final ThreadLocal<Boolean> waited = ThreadLocal.withInitial(() -> false);
    final AtomicInteger conflicts = new AtomicInteger();
    final AtomicInteger inboxRaces = new AtomicInteger();
    volatile boolean armed;

    Racing(WorkOrderStore delegate, CyclicBarrier barrier, Set<String> methods) {
      this.delegate = delegate;
      this.barrier = barrier;
      this.methods = methods;
    }

    @Override
    public <T> T inTransaction(Function<? super StoreTransaction, ? extends T> work) {
      try {
        return delegate.inTransaction(tx -> work.apply(watched(tx)));
      } catch (ConcurrentUpdateException e) {
        // Counted here, not at the port: the JDBC store checks a held-back update when it sends
        // it, which may be at the commit.
        conflicts.incrementAndGet();
        throw e;
      } catch (DuplicateMessageException e) {
        // Likewise: the facade records a reply last, and the store refuses it at the commit.
        inboxRaces.incrementAndGet();
        throw e;
      }
    }

    private StoreTransaction watched(StoreTransaction tx) {
      return (StoreTransaction)
          Proxy.newProxyInstance(
              StoreTransaction.class.getClassLoader(),
              new Class<?>[] {StoreTransaction.class},
              (proxy, accessor, args) ->
                  accessor.getDeclaringClass() == StoreTransaction.class
                      ? watched(accessor.getReturnType(), accessor.invoke(tx, args))
                      : accessor.invoke(tx, args));
    }

    /** A role port whose calls are watched, each named as its role and method: WorkOrders.find. */
    private Object watched(Class<?> role, Object port) {
      return Proxy.newProxyInstance(
          role.getClassLoader(),
          new Class<?>[] {role},
          (proxy, method, args) -> {
            String name = role.getSimpleName() + "." + method.getName();
            Object result;
            try {
              result = method.invoke(port, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
            if (name.equals("Inbox.record") && Boolean.FALSE.equals(result)) {
              inboxRaces.incrementAndGet();
            }
            if (armed && !waited.get() && methods.contains(name)) {
              waited.set(true);
              barrier.await(30, TimeUnit.SECONDS);
            }
            return result;
          });
    }
  }
}
