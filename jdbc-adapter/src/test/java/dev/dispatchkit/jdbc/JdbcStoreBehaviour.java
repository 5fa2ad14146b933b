package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.Orders.ALICE;
import static dev.dispatchkit.jdbc.Orders.OTHER_PROVIDER;
import static dev.dispatchkit.jdbc.Orders.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.error.DuplicateWorkOrderException;
import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.Change;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.DispatchState;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.ProgressUpdate;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The adapter's own behaviour tests, run on every database by the subclasses at the end. */
abstract class JdbcStoreBehaviour extends DatabaseTest {

  JdbcStoreBehaviour(TestDatabase database) {
    super(database);
  }

  /** Applies commands one after the other, storing each change and its event. */
  private List<WorkOrderEvent> applyAll(WorkOrder start, List<WorkOrderCommand> commands) {
    List<WorkOrderEvent> events = new ArrayList<>();
    WorkOrder order = start;
    Instant at = T0;
    for (WorkOrderCommand command : commands) {
      at = at.plus(Duration.ofMinutes(7)).plusNanos(123_456_789);
      Change change = order.handle(command, at);
      WorkOrder before = order;
      store.inTransaction(
          (StoreTransaction tx) -> {
            tx.workOrders().update(change.after(), before.version());
            tx.timeline().append(change.after().key(), change.event());
            return null;
          });
      events.add(change.event());
      order = change.after();
    }
    return events;
  }

  @Test
  void everyFieldAndEveryEventTypeComeBackEqual() {
    Change dispatched =
        WorkOrder.dispatch(
            Orders.command("client-1", "000123", Priority.URGENT, Orders.SITE, Orders.EXPECTED),
            T0);
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(dispatched.after());
          tx.timeline().append(dispatched.after().key(), dispatched.event());
          return null;
        });
    AttachmentRef photo =
        new AttachmentRef("a-1", "photo 1.jpg", "image/jpeg", 1234, "ab".repeat(32));
    List<WorkOrderEvent> first =
        applyAll(
            dispatched.after(),
            List.of(
                new WorkOrderCommand.RecordDispatchMessage("abc.123@dispatch.example"),
                new WorkOrderCommand.Decline(
                    DeclineReason.NTE_TOO_LOW, "Too low: 'quotes' & \"more\""),
                new WorkOrderCommand.Reassign(OTHER_PROVIDER),
                new WorkOrderCommand.Accept(),
                new WorkOrderCommand.AddNote(
                    "line one\nline two ; DROP TABLE x; --", NoteAuthor.CLIENT),
                new WorkOrderCommand.AddAttachment(photo),
                new WorkOrderCommand.ChangeExpectedDate(
                    ExpectedDate.of(LocalDateTime.of(2026, 3, 6, 14, 30), Orders.PARIS),
                    "later",
                    ALICE),
                new WorkOrderCommand.RequestNteIncrease(Nte.of("750.50", "EUR"), "more parts"),
                new WorkOrderCommand.RejectNteIncrease(null),
                new WorkOrderCommand.RequestNteIncrease(Nte.of("800", "EUR"), "really"),
                new WorkOrderCommand.ApproveNteIncrease(),
                new WorkOrderCommand.CheckIn(),
                new WorkOrderCommand.UpdateProgress(ProgressUpdate.PARTS_ON_ORDER),
                new WorkOrderCommand.RequestNteIncrease(Nte.of("900", "EUR"), "pending")));
    WorkOrderKey key = dispatched.after().key();
    WorkOrder stored =
        store.inTransaction((StoreTransaction tx) -> tx.workOrders().find(key)).orElseThrow();
    assertThat(stored.pendingNteIncrease()).isNotNull();
    assertThat(stored.status().toString()).isEqualTo("IN_PROGRESS/PARTS_ON_ORDER");
    List<WorkOrderEvent> rest =
        applyAll(
            stored,
            List.of(
                new WorkOrderCommand.CheckIn(),
                new WorkOrderCommand.RejectNteIncrease("no"),
                new WorkOrderCommand.Complete(),
                new WorkOrderCommand.Confirm()));
    List<WorkOrderEvent> expected = new ArrayList<>();
    expected.add(dispatched.event());
    expected.addAll(first);
    expected.addAll(rest);
    WorkOrder last = WorkOrder.replay(expected);
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.workOrders().find(key)))
        .contains(last);
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.timeline().events(key)))
        .isEqualTo(expected);
    assertThat(expected.stream().map(e -> e.getClass().getSimpleName()).distinct().count())
        .isEqualTo(15);
  }

  /**
   * Every command, each in a transaction that first reads the work order (the update then writes
   * only the columns that changed, as a reply does), and the last four in one transaction that
   * reads once and updates four times: the store ends equal to the replayed timeline, cleared
   * values (a decline, an NTE request) included.
   */
  @Test
  void updatesAfterAReadInTheSameTransactionKeepEveryField() {
    Change dispatched =
        WorkOrder.dispatch(
            Orders.command("client-1", "000124", Priority.URGENT, Orders.SITE, Orders.EXPECTED),
            T0);
    WorkOrderKey key = dispatched.after().key();
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(dispatched.after());
          tx.timeline().append(key, dispatched.event());
          return null;
        });
    List<WorkOrderCommand> commands =
        List.of(
            new WorkOrderCommand.RecordDispatchMessage("abc.124@dispatch.example"),
            new WorkOrderCommand.Decline(DeclineReason.NTE_TOO_LOW, "Too low"),
            new WorkOrderCommand.Reassign(OTHER_PROVIDER),
            new WorkOrderCommand.Accept(),
            new WorkOrderCommand.AddNote("parts ordered", NoteAuthor.PROVIDER),
            new WorkOrderCommand.AddAttachment(
                new AttachmentRef("a-2", "photo.jpg", "image/jpeg", 99, "cd".repeat(32))),
            new WorkOrderCommand.ChangeExpectedDate(
                ExpectedDate.of(LocalDateTime.of(2026, 3, 6, 14, 30), Orders.PARIS),
                "later",
                ALICE),
            new WorkOrderCommand.RequestNteIncrease(Nte.of("750.50", "EUR"), "more parts"),
            new WorkOrderCommand.RejectNteIncrease(null),
            new WorkOrderCommand.RequestNteIncrease(Nte.of("800", "EUR"), "really"),
            new WorkOrderCommand.ApproveNteIncrease(),
            new WorkOrderCommand.CheckIn(),
            new WorkOrderCommand.RequestNteIncrease(Nte.of("900", "EUR"), "pending"),
            new WorkOrderCommand.RejectNteIncrease("no"),
            new WorkOrderCommand.Complete(),
            new WorkOrderCommand.Confirm());
    List<WorkOrderEvent> events = new ArrayList<>();
    events.add(dispatched.event());
    int together = 4;
    Instant[] at = {T0};
    for (WorkOrderCommand command : commands.subList(0, commands.size() - together)) {
      store.inTransaction(
          (StoreTransaction tx) -> {
            WorkOrder read = tx.workOrders().find(key).orElseThrow();
            at[0] = at[0].plus(Duration.ofMinutes(7)).plusNanos(123_456_789);
            Change change = read.handle(command, at[0]);
            tx.workOrders().update(change.after(), read.version());
            tx.timeline().append(key, change.event());
            events.add(change.event());
            return null;
          });
    }
    store.inTransaction(
        (StoreTransaction tx) -> {
          WorkOrder order = tx.workOrders().find(key).orElseThrow();
          for (WorkOrderCommand command :
              commands.subList(commands.size() - together, commands.size())) {
            at[0] = at[0].plus(Duration.ofMinutes(7));
            Change change = order.handle(command, at[0]);
            tx.workOrders().update(change.after(), order.version());
            tx.timeline().append(key, change.event());
            events.add(change.event());
            order = change.after();
          }
          return null;
        });
    WorkOrder last = WorkOrder.replay(events);
    assertThat(last.pendingNteIncrease()).isNull();
    assertThat(last.decline()).isNull();
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.workOrders().find(key)))
        .contains(last);
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.timeline().events(key)))
        .isEqualTo(events);
  }

  /**
   * What the narrowed update writes: a column this transaction did not change keeps what another
   * writer put there after the read. (Nothing in DispatchKit writes without moving the version; the
   * direct SQL here only makes visible which columns the update sets.)
   */
  @Test
  void anUpdateAfterAReadWritesOnlyTheColumnsThatChanged() {
    WorkOrder order = Orders.dispatched("client-1", "300400");
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(order);
          return null;
        });
    WorkOrder noted =
        store.inTransaction(
            (StoreTransaction tx) -> {
              WorkOrder read = tx.workOrders().find(order.key()).orElseThrow();
              try (Connection other = dataSource.getConnection();
                  Statement s = other.createStatement()) {
                other.setAutoCommit(true);
                s.executeUpdate(
                    "UPDATE "
                        + prefix
                        + "work_order SET site_phone = '+33 9 99 99 99 99'"
                        + " WHERE tracking_number = '300400'");
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
              WorkOrder after =
                  read.handle(
                          new WorkOrderCommand.AddNote("parts ordered", NoteAuthor.PROVIDER),
                          T0.plusSeconds(60))
                      .after();
              tx.workOrders().update(after, read.version());
              return after;
            });
    WorkOrder stored =
        store
            .inTransaction((StoreTransaction tx) -> tx.workOrders().find(order.key()))
            .orElseThrow();
    assertThat(stored.site().phone()).isEqualTo("+33 9 99 99 99 99");
    assertThat(stored.notes()).isEqualTo(noted.notes());
    assertThat(stored.version()).isEqualTo(noted.version());
  }

  @Test
  void cancelledAndDeclinedWithoutReasonComeBackEqual() {
    WorkOrder order = Orders.dispatched("client-1", "555555");
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(order);
          return null;
        });
    List<WorkOrderEvent> events =
        applyAll(
            order,
            List.of(new WorkOrderCommand.Decline(null, null), new WorkOrderCommand.Cancel(null)));
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.timeline().events(order.key())))
        .isEqualTo(events);
    assertThat(
            store
                .inTransaction((StoreTransaction tx) -> tx.workOrders().find(order.key()))
                .orElseThrow()
                .status()
                .primary())
        .isEqualTo(PrimaryStatus.CANCELLED);
  }

  @Test
  void aStaleVersionIsRefusedAndChangesNothing() {
    WorkOrder order = Orders.dispatched("client-1", "100200");
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(order);
          return null;
        });
    WorkOrder accepted = order.handle(new WorkOrderCommand.Accept(), T0.plusSeconds(60)).after();
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().update(accepted, 1);
          return null;
        });

    WorkOrder declined =
        order.handle(new WorkOrderCommand.Decline(null, "no"), T0.plusSeconds(61)).after();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    (StoreTransaction tx) -> {
                      tx.workOrders().update(declined, 1);
                      return null;
                    }))
        .isInstanceOfSatisfying(
            ConcurrentUpdateException.class,
            e -> {
              assertThat(e.key()).isEqualTo(order.key());
              assertThat(e.expectedVersion()).isEqualTo(1);
            });
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.workOrders().find(order.key())))
        .contains(accepted);
  }

  @Test
  void updatingAMissingWorkOrderIsAConcurrentUpdate() {
    WorkOrder order = Orders.dispatched("client-1", "100200");
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    (StoreTransaction tx) -> {
                      tx.workOrders().update(order, 1);
                      return null;
                    }))
        .isInstanceOf(ConcurrentUpdateException.class);
  }

  @Test
  void aDuplicateKeyIsRefusedAndTheTransactionGoesOn() {
    WorkOrder order = Orders.dispatched("client-1", "100200");
    WorkOrder sameNumberOtherClient = Orders.dispatched("client-2", "100200");
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(order);
          assertThatThrownBy(() -> tx.workOrders().insert(order))
              .isInstanceOfSatisfying(
                  DuplicateWorkOrderException.class,
                  e -> assertThat(e.key()).isEqualTo(order.key()));
          tx.workOrders().insert(sameNumberOtherClient);
          return null;
        });
    assertThat(
            store.inTransaction(
                (StoreTransaction tx) ->
                    tx.workOrders().findByTrackingNumber(TrackingNumber.of("100200"))))
        .containsExactly(order, sameNumberOtherClient);
  }

  @Test
  void aFailingUnitOfWorkLeavesNothingBehind() {
    WorkOrder order = Orders.dispatched("client-1", "100200");
    RuntimeException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    (StoreTransaction tx) -> {
                      tx.workOrders().insert(order);
                      tx.timeline()
                          .append(
                              order.key(), order.handle(new WorkOrderCommand.Accept(), T0).event());
                      tx.inbox().record(inbox("<m1@x>", true));
                      tx.outbox().enqueue(Orders.mail("o-1"), T0);
                      tx.onceMarks().mark("scope", "key", T0);
                      throw boom;
                    }))
        .isSameAs(boom);
    store.inTransaction(
        (StoreTransaction tx) -> {
          assertThat(tx.workOrders().find(order.key())).isEmpty();
          assertThat(tx.timeline().events(order.key())).isEmpty();
          assertThat(tx.inbox().find("<m1@x>")).isEmpty();
          assertThat(tx.outbox().find("o-1")).isEmpty();
          assertThat(tx.onceMarks().mark("scope", "key", T0)).isTrue();
          return null;
        });
  }

  private static InboxRecord inbox(String dedupKey, boolean review) {
    return new InboxRecord(
        dedupKey,
        dedupKey,
        "provider@acme.example",
        T0,
        Intent.ACCEPT,
        "accepted",
        new WorkOrderKey(SubscriberId.of("client-1"), TrackingNumber.of("100200")),
        "applied",
        review);
  }

  @Test
  void anInboundMessageIsRecordedOnceAndADuplicateDoesNotSpoilTheTransaction() {
    InboxRecord record = inbox("<reply-1@acme.example>", false);
    String longKey = "k".repeat(5_000);
    store.inTransaction(
        (StoreTransaction tx) -> {
          assertThat(tx.inbox().record(record)).isTrue();
          assertThat(tx.inbox().record(record)).isFalse();
          assertThat(tx.inbox().record(inbox(longKey, true))).isTrue();
          assertThat(tx.onceMarks().mark("notice", "a@b.example/2026-03-02", T0)).isTrue();
          assertThat(tx.onceMarks().mark("notice", "a@b.example/2026-03-02", T0)).isFalse();
          assertThat(tx.onceMarks().mark("notice:", "a@b.example/2026-03-02", T0)).isTrue();
          tx.workOrders().insert(Orders.dispatched("client-1", "100200"));
          return null;
        });
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.inbox().record(record))).isFalse();
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.inbox().find(record.dedupKey())))
        .contains(record);
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.inbox().find("<other>"))).isEmpty();
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.inbox().needingReview(10)))
        .containsExactly(inbox(longKey, true));
    assertThat(
            store.inTransaction(
                (StoreTransaction tx) ->
                    tx.workOrders()
                        .find(
                            new WorkOrderKey(
                                SubscriberId.of("client-1"), TrackingNumber.of("100200")))))
        .isPresent();
  }

  @Test
  void anInboundRecordWithoutOptionalPartsComesBackEqual() {
    InboxRecord bare =
        new InboxRecord(
            "hash:abc", null, null, T0, Intent.UNCLEAR, "no-decision", null, "ignored", true);
    store.inTransaction((StoreTransaction tx) -> tx.inbox().record(bare));
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.inbox().find("hash:abc")))
        .contains(bare);
  }

  @Test
  void dispatchRecordsAreFoundByIdAndMessageIdAndAreUnique() {
    WorkOrderKey key = new WorkOrderKey(SubscriberId.of("client-1"), TrackingNumber.of("100200"));
    DispatchRecord dispatch =
        new DispatchRecord(42L, key, Orders.PROVIDER, "d42@dispatch.example", T0);
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.dispatches().record(dispatch);
          return null;
        });
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.dispatches().find(42L)))
        .contains(dispatch);
    assertThat(
            store.inTransaction(
                (StoreTransaction tx) -> tx.dispatches().findByMessageId("d42@dispatch.example")))
        .contains(dispatch);
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.dispatches().find(43L))).isEmpty();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    (StoreTransaction tx) -> {
                      tx.dispatches()
                          .record(
                              new DispatchRecord(
                                  43L, key, Orders.PROVIDER, "d42@dispatch.example", T0));
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    (StoreTransaction tx) -> {
                      tx.dispatches()
                          .record(
                              new DispatchRecord(
                                  42L, key, Orders.PROVIDER, "other@dispatch.example", T0));
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
  }

  @Test
  void outboxClaimsHoldMailForTheLeaseAndFailuresBlockAndRelease() {
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.outbox().enqueue(Orders.mail("o-2"), T0.plusSeconds(10));
          tx.outbox().enqueue(Orders.mail("o-1"), T0);
          tx.outbox().enqueue(Orders.mail("o-3"), T0.plusSeconds(3600));
          return null;
        });
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    (StoreTransaction tx) -> {
                      tx.outbox().enqueue(Orders.mail("o-1"), T0);
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
    Instant now = T0.plusSeconds(60);
    List<OutboxEntry> claimed =
        store.inTransaction(
            (StoreTransaction tx) -> tx.outbox().claimDue(now, Duration.ofMinutes(5), 10));
    assertThat(claimed).extracting(OutboxEntry::id).containsExactly("o-1", "o-2");
    assertThat(claimed.get(0).mail()).isEqualTo(Orders.mail("o-1"));
    assertThat(
            store.inTransaction(
                (StoreTransaction tx) ->
                    tx.outbox().claimDue(now.plusSeconds(1), Duration.ofMinutes(5), 10)))
        .isEmpty();
    assertThat(
            store.inTransaction(
                (StoreTransaction tx) ->
                    tx.outbox().claimDue(now.plusSeconds(301), Duration.ofMinutes(5), 10)))
        .extracting(OutboxEntry::id)
        .containsExactlyInAnyOrder("o-1", "o-2");

    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.outbox().markSent("o-1", now.plusSeconds(302));
          tx.outbox().markFailed("o-2", "421 try later", now.plusSeconds(900));
          return null;
        });
    OutboxEntry sent =
        store.inTransaction((StoreTransaction tx) -> tx.outbox().find("o-1")).orElseThrow();
    assertThat(sent.state()).isEqualTo(OutboxEntry.State.SENT);
    assertThat(sent.sentAt()).isEqualTo(now.plusSeconds(302));
    OutboxEntry retried =
        store.inTransaction((StoreTransaction tx) -> tx.outbox().find("o-2")).orElseThrow();
    assertThat(retried.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(retried.attempts()).isEqualTo(1);
    assertThat(retried.lastError()).isEqualTo("421 try later");
    assertThat(retried.nextAttemptAt()).isEqualTo(now.plusSeconds(900));

    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.outbox().markFailed("o-2", "550 no such user", null);
          return null;
        });
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.outbox().blocked(10)))
        .extracting(OutboxEntry::id)
        .containsExactly("o-2");
    assertThat(
            store.inTransaction(
                (StoreTransaction tx) ->
                    tx.outbox().claimDue(now.plusSeconds(10_000), Duration.ofMinutes(5), 10)))
        .extracting(OutboxEntry::id)
        .containsExactly("o-3");
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.outbox().release("o-1", now)))
        .isFalse();
    assertThat(
            store.inTransaction(
                (StoreTransaction tx) -> tx.outbox().release("o-2", now.plusSeconds(20_000))))
        .isTrue();
    OutboxEntry released =
        store.inTransaction((StoreTransaction tx) -> tx.outbox().find("o-2")).orElseThrow();
    assertThat(released.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(released.attempts()).isZero();
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.outbox().blocked(10))).isEmpty();
  }

  @Test
  void preferencesAreSavedAndReplaced() {
    DispatchPreference preference =
        new DispatchPreference(
            SubscriberId.of("client-1"),
            Orders.PROVIDER,
            "dispatch@acme.example",
            List.of("tech1@acme.example", "tech2@acme.example"),
            Locale.FRENCH,
            "desk@client.example",
            false);
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.preferences().save(preference);
          return null;
        });
    assertThat(
            store.inTransaction(
                (StoreTransaction tx) ->
                    tx.preferences().find(SubscriberId.of("client-1"), Orders.PROVIDER)))
        .contains(preference);
    DispatchPreference failing = preference.withAddressFailing(true);
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.preferences().save(failing);
          return null;
        });
    assertThat(
            store.inTransaction(
                (StoreTransaction tx) ->
                    tx.preferences().find(SubscriberId.of("client-1"), Orders.PROVIDER)))
        .contains(failing);
    assertThat(
            store.inTransaction(
                (StoreTransaction tx) ->
                    tx.preferences().find(SubscriberId.of("client-1"), OTHER_PROVIDER)))
        .isEmpty();
  }

  // --- list queries
  // -------------------------------------------------------------------------------

  /** A spread of work orders: every status family, both priorities, several dates and sites. */
  private List<WorkOrder> population() {
    List<WorkOrder> orders = new ArrayList<>();
    Site other =
        new Site("Depot ' OR 1=1 --", "1 Main St", "555-0100", ZoneId.of("America/New_York"));
    int n = 0;
    for (String subscriber : List.of("client-1", "client-2")) {
      for (int i = 0; i < 12; i++) {
        n++;
        String tracking = (i % 3 == 0 ? "" : "1") + String.format(Locale.ROOT, "%06d", 100 + n);
        Site site = i % 4 == 0 ? other : Orders.SITE;
        ExpectedDate expected =
            ExpectedDate.ofInstant(T0.plus(Duration.ofHours(6L * (i % 5))), site.zone());
        Priority priority = i % 2 == 0 ? Priority.URGENT : Priority.NON_URGENT;
        WorkOrder order =
            WorkOrder.dispatch(
                    Orders.command(subscriber, tracking, priority, site, expected),
                    T0.plusSeconds(i))
                .after();
        Instant at = T0.plusSeconds(100 + i);
        switch (i % 6) {
          case 1 -> order = order.handle(new WorkOrderCommand.Decline(null, null), at).after();
          case 2 -> order = order.handle(new WorkOrderCommand.Accept(), at).after();
          case 3 -> {
            order = order.handle(new WorkOrderCommand.Accept(), at).after();
            order = order.handle(new WorkOrderCommand.CheckIn(), at).after();
          }
          case 4 -> {
            for (int k = 0; k < 3; k++) {
              order =
                  order
                      .handle(
                          new WorkOrderCommand.ChangeExpectedDate(
                              ExpectedDate.ofInstant(
                                  T0.plus(Duration.ofHours(2L + k)), site.zone()),
                              "moved",
                              ALICE),
                          at)
                      .after();
            }
          }
          case 5 -> order = order.handle(new WorkOrderCommand.Cancel("x"), at).after();
          default -> {}
        }
        orders.add(order);
      }
    }
    return orders;
  }

  @Test
  void listFlagsFiltersSortAndPagesMatchTheDomainRules() {
    List<WorkOrder> orders = population();
    store.inTransaction(
        (StoreTransaction tx) -> {
          orders.forEach(tx.workOrders()::insert);
          return null;
        });
    DispatchPolicies policies = DispatchPolicies.builder().rescheduleLimit(2).build();
    Comparator<WorkOrder> ties =
        Comparator.comparing((WorkOrder o) -> o.subscriber().value())
            .thenComparing(WorkOrder::trackingNumber);
    List<Instant> instants =
        List.of(
            T0,
            T0.plusSeconds(30 * 60 + 3),
            T0.plus(Duration.ofHours(7)).plusNanos(1),
            T0.plus(Duration.ofDays(2)));
    for (Instant asOf : instants) {
      for (WorkOrderQuery.Flag flag : WorkOrderQuery.Flag.values()) {
        for (WorkOrderQuery.Sort sort : WorkOrderQuery.Sort.values()) {
          WorkOrderQuery query =
              WorkOrderQuery.builder(asOf, policies)
                  .flags(Set.of(flag))
                  .sort(sort)
                  .page(0, 500)
                  .build();
          Comparator<WorkOrder> byDate =
              Comparator.comparing((WorkOrder o) -> o.expectedDate().instant());
          List<WorkOrder> expected =
              orders.stream()
                  .filter(o -> has(policies, o, asOf, flag))
                  .sorted(
                      (sort == WorkOrderQuery.Sort.EXPECTED_DATE_ASC ? byDate : byDate.reversed())
                          .thenComparing(ties))
                  .toList();
          WorkOrderPage page =
              store.inTransaction((StoreTransaction tx) -> tx.workOrders().list(query));
          assertThat(page.items()).as(flag + " at " + asOf + " " + sort).isEqualTo(expected);
          assertThat(page.total()).isEqualTo(expected.size());
        }
      }
    }
    WorkOrderQuery filtered =
        WorkOrderQuery.builder(T0, policies)
            .subscriber(SubscriberId.of("client-2"))
            .priorities(Set.of(Priority.URGENT))
            .primaryStatuses(EnumSet.of(PrimaryStatus.OPEN, PrimaryStatus.IN_PROGRESS))
            .page(1, 2)
            .build();
    List<WorkOrder> all =
        orders.stream()
            .filter(o -> o.subscriber().value().equals("client-2"))
            .filter(o -> o.priority() == Priority.URGENT)
            .filter(
                o ->
                    o.status().primary() == PrimaryStatus.OPEN
                        || o.status().primary() == PrimaryStatus.IN_PROGRESS)
            .sorted(
                Comparator.comparing((WorkOrder o) -> o.expectedDate().instant())
                    .thenComparing(ties))
            .toList();
    WorkOrderPage page =
        store.inTransaction((StoreTransaction tx) -> tx.workOrders().list(filtered));
    assertThat(page.total()).isEqualTo(all.size());
    assertThat(page.items()).isEqualTo(all.subList(1, Math.min(3, all.size())));
  }

  private static boolean has(
      DispatchPolicies policies, WorkOrder order, Instant asOf, WorkOrderQuery.Flag flag) {
    var flags = policies.flags(DispatchState.of(order), asOf);
    return switch (flag) {
      case LATE -> flags.late();
      case RESPONSE_OVERDUE -> flags.responseOverdue();
      case REASSIGNABLE -> flags.reassignable();
      case RESCHEDULED_TOO_OFTEN -> flags.rescheduledTooOften();
      case UNDELIVERED -> flags.undelivered();
    };
  }

  // --- parameterised SQL
  // --------------------------------------------------------------------------

  static final List<String> HOSTILE =
      List.of(
          "' OR 1=1 --",
          "x'; DROP TABLE dispatchkit_work_order; --",
          "Robert'); DELETE FROM students;--",
          "\" OR \"\"=\"",
          "%",
          "_",
          "back\\slash \\' \\\\",
          "1:2:-:3",
          "$1 ${prefix} ? :name",
          "ünïcødé ✓ 🚀 中文");

  @Test
  void hostileTextRoundTripsExactlyAndMatchesOnlyItself() {
    List<WorkOrder> orders = new ArrayList<>();
    int n = 0;
    for (String text : HOSTILE) {
      n++;
      Site site =
          new Site(
              text, text, "+1 " + text.substring(0, Math.min(30, text.length())), Orders.PARIS);
      var command =
          new WorkOrderCommand.Dispatch(
              TrackingNumber.of(String.format(Locale.ROOT, "%06d", n)),
              SubscriberId.of(text),
              ProviderId.of(text),
              site,
              new dev.dispatchkit.workorder.Problem(text, text, text + "\n" + text),
              Priority.URGENT,
              Orders.NTE,
              Orders.EXPECTED,
              List.of(
                  new dev.dispatchkit.workorder.ContactPerson(text, "x" + n + "@client.example")));
      WorkOrder order = WorkOrder.dispatch(command, T0).after();
      order = order.handle(new WorkOrderCommand.AddNote(text, NoteAuthor.PROVIDER), T0).after();
      order = order.handle(new WorkOrderCommand.Decline(DeclineReason.OTHER, text), T0).after();
      orders.add(order);
    }
    store.inTransaction(
        (StoreTransaction tx) -> {
          for (WorkOrder order : orders) {
            tx.workOrders().insert(order);
            tx.inbox()
                .record(
                    new InboxRecord(
                        order.subscriber().value(),
                        order.subscriber().value(),
                        null,
                        T0,
                        Intent.DECLINE,
                        order.site().name(),
                        order.key(),
                        order.site().name(),
                        true));
            tx.onceMarks().mark(order.site().name(), order.site().name(), T0);
          }
          return null;
        });
    DispatchPolicies policies = DispatchPolicies.defaults();
    for (WorkOrder order : orders) {
      String text = order.site().name();
      assertThat(store.inTransaction((StoreTransaction tx) -> tx.workOrders().find(order.key())))
          .contains(order);
      for (WorkOrderQuery query :
          List.of(
              WorkOrderQuery.builder(T0, policies).siteName(text).build(),
              WorkOrderQuery.builder(T0, policies).subscriber(SubscriberId.of(text)).build(),
              WorkOrderQuery.builder(T0, policies).provider(ProviderId.of(text)).build())) {
        assertThat(
                store.inTransaction((StoreTransaction tx) -> tx.workOrders().list(query)).items())
            .as(text)
            .containsExactly(order);
      }
      InboxRecord inbound =
          store.inTransaction((StoreTransaction tx) -> tx.inbox().find(text)).orElseThrow();
      assertThat(inbound.reason()).isEqualTo(text);
      assertThat(store.inTransaction((StoreTransaction tx) -> tx.onceMarks().mark(text, text, T0)))
          .isFalse();
    }
    assertThat(
            store
                .inTransaction(
                    (StoreTransaction tx) ->
                        tx.workOrders()
                            .list(
                                WorkOrderQuery.builder(T0, policies)
                                    .siteName("' OR '1'='1")
                                    .build()))
                .total())
        .isZero();
    assertThat(
            store
                .inTransaction(
                    tx -> tx.workOrders().list(WorkOrderQuery.builder(T0, policies).build()))
                .total())
        .isEqualTo(HOSTILE.size());
  }
}
