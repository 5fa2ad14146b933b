package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.ConcurrentUpdateException;
import dev.dispatchkit.DuplicateWorkOrderException;
import dev.dispatchkit.OutboxState;
import dev.dispatchkit.StoreException;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.rules.Nte;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderPage;
import dev.dispatchkit.spi.WorkOrderQuery;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.Note;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProgressUpdate;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link WorkOrderStore} must have. An adapter's test extends this class and
 * returns a new, empty store from {@link #createStore()}; every test here must pass unchanged.
 *
 * <p>Instants used here are whole seconds, and texts include quotes, semicolons, SQL fragments,
 * accents, CJK and emoji: whatever goes in must come back equal.
 */
public abstract class WorkOrderStoreContract {

  /** Texts that break naive SQL, escaping or encodings. */
  protected static final List<String> HOSTILE =
      List.of(
          "O'Brien \"quoted\"; semi;colon",
          "'; DROP TABLE work_orders; --",
          "Robert'); DELETE FROM outbox;--",
          "100% _wild_ \\back\\slash",
          "Ünïcødé façade — 日本語 ✓ 🔧🚿👍🏽",
          "<script>alert('x')</script> &amp;");

  private static final Instant T0 = Fixtures.T0;

  /** The store under test; a new one for every test. */
  protected WorkOrderStore store;

  /**
   * A new store with no data in it. Adapters on a shared database empty their tables here.
   *
   * @return the store under test
   */
  protected abstract WorkOrderStore createStore();

  /** Creates the store. */
  @BeforeEach
  void setUpStore() {
    store = createStore();
  }

  // --- work orders -------------------------------------------------------------------------------

  /** An inserted work order is found, equal in every field. */
  @Test
  protected void insertedWorkOrderIsFoundEqual() {
    WorkOrder order = Fixtures.workOrder().build();
    store.inTransaction(
        tx -> {
          tx.insert(order);
          return null;
        });
    assertThat(readFind(order.key())).contains(order);
  }

  /** A work order in each status, with notes, attachments and a decline, comes back equal. */
  @Test
  protected void richWorkOrdersRoundTrip() {
    List<WorkOrder> orders = new ArrayList<>();
    int i = 0;
    for (Status status : Status.all()) {
      orders.add(
          Fixtures.workOrder()
              .trackingNumber("70000" + (10 + i++))
              .status(status)
              .rescheduleCount(i % 4)
              .version(3 + i)
              .dispatchMessageId("m" + i + ".abc@dispatch.example")
              .build());
    }
    WorkOrder rich = withHistory(Fixtures.workOrder().trackingNumber("799999").build());
    orders.add(rich);
    store.inTransaction(
        tx -> {
          orders.forEach(tx::insert);
          return null;
        });
    for (WorkOrder order : orders) {
      assertThat(readFind(order.key())).contains(order);
    }
  }

  /** A second work order with a taken key is refused; the first stays. */
  @Test
  protected void duplicateKeyIsRefused() {
    WorkOrder order = Fixtures.workOrder().build();
    store.inTransaction(
        tx -> {
          tx.insert(order);
          return null;
        });
    WorkOrder again = Fixtures.workOrder().priority(Priority.NON_URGENT).build();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.insert(again);
                      return null;
                    }))
        .isInstanceOf(DuplicateWorkOrderException.class);
    assertThat(readFind(order.key())).contains(order);
  }

  /** The same tracking number under two subscribers is two work orders, listed by subscriber. */
  @Test
  protected void trackingNumberIsUniquePerSubscriberOnly() {
    WorkOrder b = Fixtures.workOrder().subscriber("client-b").build();
    WorkOrder a = Fixtures.workOrder().subscriber("client-a").build();
    WorkOrder other = Fixtures.workOrder().trackingNumber("999999").build();
    store.inTransaction(
        tx -> {
          tx.insert(b);
          tx.insert(a);
          tx.insert(other);
          return null;
        });
    assertThat(readFindByTrackingNumber(TrackingNumber.of("100200"))).containsExactly(a, b);
    assertThat(readFindByTrackingNumber(TrackingNumber.of("424242"))).isEmpty();
  }

  /** An unknown key finds nothing. */
  @Test
  protected void unknownKeyFindsNothing() {
    assertThat(readFind(new WorkOrderKey(Fixtures.SUBSCRIBER, TrackingNumber.of("100001"))))
        .isEmpty();
  }

  /** An update at the stored version replaces the work order. */
  @Test
  protected void updateAtCurrentVersionReplaces() {
    WorkOrder order = Fixtures.workOrder().build();
    WorkOrder accepted = order.handle(new WorkOrderCommand.Accept(), T0.plusSeconds(60)).after();
    store.inTransaction(
        tx -> {
          tx.insert(order);
          return null;
        });
    store.inTransaction(
        tx -> {
          tx.update(accepted, order.version());
          return null;
        });
    assertThat(readFind(order.key())).contains(accepted);
  }

  /** An update at a stale version is refused, and nothing else of its transaction is written. */
  @Test
  protected void staleUpdateIsRefusedAndWritesNothing() {
    WorkOrder order = Fixtures.workOrder().build();
    WorkOrder accepted = order.handle(new WorkOrderCommand.Accept(), T0.plusSeconds(60)).after();
    store.inTransaction(
        tx -> {
          tx.insert(order);
          return null;
        });
    store.inTransaction(
        tx -> {
          tx.update(accepted, 1);
          return null;
        });
    WorkOrder declined =
        order.handle(new WorkOrderCommand.Decline(null, null), T0.plusSeconds(61)).after();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.append(order.key(), event(declined));
                      tx.enqueue(mail("stale-1"), T0);
                      tx.update(declined, 1);
                      return null;
                    }))
        .isInstanceOfSatisfying(
            ConcurrentUpdateException.class,
            e -> {
              assertThat(e.key()).isEqualTo(order.key());
              assertThat(e.expectedVersion()).isEqualTo(1);
            });
    assertThat(readFind(order.key())).contains(accepted);
    assertThat(readTimeline(order.key())).isEmpty();
    assertThat(readOutboxEntry("stale-1")).isEmpty();
  }

  /** Updating a work order that does not exist is a concurrent-update failure. */
  @Test
  protected void updateOfMissingWorkOrderIsRefused() {
    WorkOrder order = Fixtures.workOrder().build();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.update(order, 1);
                      return null;
                    }))
        .isInstanceOf(ConcurrentUpdateException.class);
  }

  /** Changes are visible to later reads of the same transaction. */
  @Test
  protected void transactionReadsItsOwnWrites() {
    WorkOrder order = Fixtures.workOrder().build();
    boolean seen =
        store.inTransaction(
            tx -> {
              tx.insert(order);
              tx.append(order.key(), dispatched(order));
              return tx.find(order.key()).isPresent() && tx.timeline(order.key()).size() == 1;
            });
    assertThat(seen).isTrue();
  }

  /** A transaction that throws leaves nothing: no work order, event, record, mail or mark. */
  @Test
  protected void rollbackLeavesNothing() {
    WorkOrder order = Fixtures.workOrder().build();
    IllegalStateException boom = new IllegalStateException("boom");
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.insert(order);
                      tx.append(order.key(), dispatched(order));
                      tx.recordDispatch(dispatchRecord(41, order.key(), "d41@x.example"));
                      tx.recordInbound(inbox("in-1", order.key(), false));
                      tx.enqueue(mail("out-1"), T0);
                      tx.savePreference(Fixtures.preference());
                      tx.markOnce("scope", "key", T0);
                      throw boom;
                    }))
        .isSameAs(boom);
    store.inTransaction(
        tx -> {
          assertThat(tx.find(order.key())).isEmpty();
          assertThat(tx.timeline(order.key())).isEmpty();
          assertThat(tx.dispatch(41)).isEmpty();
          assertThat(tx.dispatchByMessageId("d41@x.example")).isEmpty();
          assertThat(tx.inbound("in-1")).isEmpty();
          assertThat(tx.outboxEntry("out-1")).isEmpty();
          assertThat(tx.claimDue(T0.plusSeconds(1), Duration.ofMinutes(1), 10)).isEmpty();
          assertThat(tx.preference(Fixtures.SUBSCRIBER, Fixtures.PROVIDER)).isEmpty();
          return null;
        });
    assertThat(readMarkOnce("scope", "key", T0)).isTrue();
    assertThat(readRecordInbound(inbox("in-1", null, false))).isTrue();
  }

  /** What a transaction returns is what {@code inTransaction} returns. */
  @Test
  protected void inTransactionReturnsTheResult() {
    String result = store.inTransaction(tx -> "result");
    assertThat(result).isEqualTo("result");
  }

  // --- timeline ----------------------------------------------------------------------------------

  /** Every kind of event comes back equal and in order; the test covers every event type. */
  @Test
  protected void timelineRoundTripsEveryEventType() {
    WorkOrder order = Fixtures.workOrder().build();
    List<WorkOrderEvent> events = everyEventType(order);
    Set<Class<?>> covered = events.stream().map(Object::getClass).collect(Collectors.toSet());
    assertThat(covered)
        .as("the contract covers every WorkOrderEvent type")
        .containsExactlyInAnyOrder(WorkOrderEvent.class.getPermittedSubclasses());
    store.inTransaction(
        tx -> {
          tx.insert(order);
          events.forEach(e -> tx.append(order.key(), e));
          return null;
        });
    assertThat(readTimeline(order.key())).containsExactlyElementsOf(events);
  }

  /** Timelines of two work orders do not mix. */
  @Test
  protected void timelinesAreKeptApart() {
    WorkOrder a = Fixtures.workOrder().trackingNumber("100001").build();
    WorkOrder b = Fixtures.workOrder().trackingNumber("100002").build();
    store.inTransaction(
        tx -> {
          tx.insert(a);
          tx.insert(b);
          tx.append(a.key(), dispatched(a));
          tx.append(b.key(), dispatched(b));
          tx.append(a.key(), new WorkOrderEvent.Accepted(a.trackingNumber(), 2, T0));
          return null;
        });
    assertThat(readTimeline(a.key())).hasSize(2);
    assertThat(readTimeline(b.key())).containsExactly(dispatched(b));
  }

  // --- hostile text ------------------------------------------------------------------------------

  /** Quotes, semicolons, SQL fragments, accents and emoji in every text field round-trip. */
  @Test
  protected void hostileTextsRoundTripUnchanged() {
    int i = 0;
    for (String text : HOSTILE) {
      String tn = "55000" + (i++);
      Site site = new Site(text, text, "+33 1 " + i, ZoneId.of("America/Montreal"));
      ContactPerson contact = new ContactPerson(text, "c" + i + "@client.example");
      WorkOrder order =
          withHistory(
              Fixtures.workOrder()
                  .trackingNumber(tn)
                  .subscriber("sub-" + i)
                  .site(site)
                  .problem(new Problem(text, text, text + "\n" + text))
                  .contacts(contact)
                  .build());
      Note note = new Note(text + "\n" + text, NoteAuthor.CLIENT, T0);
      WorkOrderEvent noteAdded = new WorkOrderEvent.NoteAdded(order.trackingNumber(), 9, T0, note);
      WorkOrderEvent declined =
          new WorkOrderEvent.Declined(order.trackingNumber(), 10, T0, DeclineReason.OTHER, text);
      WorkOrderEvent cancelled = new WorkOrderEvent.Cancelled(order.trackingNumber(), 11, T0, text);
      DispatchPreference preference =
          new DispatchPreference(
              order.subscriber(),
              ProviderId.of("p-" + i),
              "p" + i + "@provider.example",
              List.of("other" + i + "@provider.example"),
              Locale.ENGLISH,
              "client" + i + "@client.example",
              false);
      InboxRecord inbound =
          new InboxRecord(
              "dedup-" + text, "mid-" + i, text, T0, Intent.UNCLEAR, text, order.key(), text, true);
      OutboundMail mail =
          new OutboundMail(
              "out-" + i,
              "out-" + i + "@dispatch.example",
              MailKind.NOTIFICATION,
              "dispatch@host.example",
              null,
              List.of("c" + i + "@client.example"),
              text,
              text + "\n" + text,
              "<p>" + text + "</p>",
              null,
              null,
              Map.of("X-Test", text));
      store.inTransaction(
          tx -> {
            tx.insert(order);
            tx.append(order.key(), noteAdded);
            tx.append(order.key(), declined);
            tx.append(order.key(), cancelled);
            tx.savePreference(preference);
            tx.recordInbound(inbound);
            tx.enqueue(mail, T0);
            tx.markOnce(text, text, T0);
            return null;
          });
      store.inTransaction(
          tx -> {
            assertThat(tx.find(order.key())).contains(order);
            assertThat(tx.timeline(order.key())).containsExactly(noteAdded, declined, cancelled);
            assertThat(tx.preference(order.subscriber(), preference.provider()))
                .contains(preference);
            assertThat(tx.inbound("dedup-" + text)).contains(inbound);
            assertThat(tx.outboxEntry(mail.id())).map(OutboxEntry::mail).contains(mail);
            assertThat(tx.markOnce(text, text, T0)).isFalse();
            return null;
          });
    }
  }

  // --- list --------------------------------------------------------------------------------------

  /** Each filter keeps exactly the matching work orders, and the total counts them all. */
  @Test
  protected void listFiltersEachCriterion() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    Instant asOf = T0.plus(Duration.ofDays(3));
    DispatchPolicies policies = DispatchPolicies.defaults();
    checkFilter(
        orders,
        q(asOf).subscriber(SubscriberId.of("client-b")),
        o -> o.subscriber().value().equals("client-b"));
    checkFilter(
        orders,
        q(asOf).provider(Fixtures.OTHER_PROVIDER),
        o -> o.provider().equals(Fixtures.OTHER_PROVIDER));
    checkFilter(
        orders,
        q(asOf).siteName("Depot 'North'; 2"),
        o -> o.site().name().equals("Depot 'North'; 2"));
    checkFilter(
        orders,
        q(asOf).priorities(Set.of(Priority.NON_URGENT)),
        o -> o.priority() == Priority.NON_URGENT);
    checkFilter(
        orders,
        q(asOf).primaryStatuses(Set.of(PrimaryStatus.OPEN, PrimaryStatus.COMPLETED)),
        o ->
            o.status().primary() == PrimaryStatus.OPEN
                || o.status().primary() == PrimaryStatus.COMPLETED);
    checkFilter(
        orders,
        q(asOf).extendedStatuses(Set.of(ExtendedStatus.DECLINED)),
        o -> o.status().extended() == ExtendedStatus.DECLINED);
    for (WorkOrderQuery.Flag flag : WorkOrderQuery.Flag.values()) {
      for (Instant at : List.of(T0, T0.plus(Duration.ofHours(1)), asOf)) {
        checkFilter(orders, q(at).flags(Set.of(flag)), o -> has(policies.flags(o, at), flag));
      }
    }
    checkFilter(
        orders,
        q(asOf)
            .flags(Set.of(WorkOrderQuery.Flag.LATE, WorkOrderQuery.Flag.REASSIGNABLE))
            .priorities(Set.of(Priority.URGENT)),
        o ->
            policies.flags(o, asOf).late()
                && policies.flags(o, asOf).reassignable()
                && o.priority() == Priority.URGENT);
    checkFilter(orders, q(asOf), o -> true);
  }

  /**
   * The flags filter agrees with DispatchPolicies, also under policies that are not the default.
   */
  @Test
  protected void listFlagsFollowTheQueryPolicies() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    DispatchPolicies strict =
        DispatchPolicies.builder()
            .responseWindow(Priority.NON_URGENT, Duration.ofMinutes(10))
            .rescheduleLimit(0)
            .build();
    Instant at = T0.plus(Duration.ofMinutes(20));
    for (WorkOrderQuery.Flag flag : WorkOrderQuery.Flag.values()) {
      WorkOrderQuery query =
          WorkOrderQuery.builder(at, strict).flags(Set.of(flag)).page(0, 500).build();
      Set<WorkOrderKey> expected =
          orders.stream()
              .filter(o -> has(strict.flags(o, at), flag))
              .map(WorkOrder::key)
              .collect(Collectors.toSet());
      assertThat(keys(readList(query).items()))
          .as("flag %s", flag)
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  /** Both sorts order by expected date, then subscriber, then tracking number; pages add up. */
  @Test
  protected void listSortsAndPages() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    Comparator<WorkOrder> asc =
        Comparator.comparing((WorkOrder o) -> o.expectedDate().instant())
            .thenComparing(o -> o.subscriber().value())
            .thenComparing(o -> o.trackingNumber().value());
    Comparator<WorkOrder> desc =
        Comparator.comparing((WorkOrder o) -> o.expectedDate().instant())
            .reversed()
            .thenComparing(o -> o.subscriber().value())
            .thenComparing(o -> o.trackingNumber().value());
    for (WorkOrderQuery.Sort sort : WorkOrderQuery.Sort.values()) {
      List<WorkOrder> expected =
          orders.stream()
              .sorted(sort == WorkOrderQuery.Sort.EXPECTED_DATE_ASC ? asc : desc)
              .toList();
      List<WorkOrder> paged = new ArrayList<>();
      for (int offset = 0; offset < orders.size() + 3; offset += 3) {
        WorkOrderQuery query = q(T0).sort(sort).page(offset, 3).build();
        WorkOrderPage page = readList(query);
        assertThat(page.total()).isEqualTo(orders.size());
        assertThat(page.items().size()).isLessThanOrEqualTo(3);
        paged.addAll(page.items());
      }
      assertThat(paged).as("sort %s", sort).containsExactlyElementsOf(expected);
    }
  }

  /** A page past the end is empty but still counts the total. */
  @Test
  protected void pagePastTheEndIsEmpty() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    WorkOrderPage page = readList(q(T0).page(orders.size() + 10, 5).build());
    assertThat(page.items()).isEmpty();
    assertThat(page.total()).isEqualTo(orders.size());
  }

  // --- dispatch records --------------------------------------------------------------------------

  /** A dispatch record is found by its id and by its Message-ID; both are unique. */
  @Test
  protected void dispatchRecordsAreFoundAndUnique() {
    WorkOrder order = Fixtures.workOrder().build();
    DispatchRecord record = dispatchRecord(Long.MIN_VALUE + 7, order.key(), "abc.1@host.example");
    DispatchRecord other = dispatchRecord(Long.MAX_VALUE, order.key(), "abc.2@host.example");
    store.inTransaction(
        tx -> {
          tx.insert(order);
          tx.recordDispatch(record);
          tx.recordDispatch(other);
          return null;
        });
    assertThat(readDispatch(record.dispatchId())).contains(record);
    assertThat(readDispatchByMessageId("abc.2@host.example")).contains(other);
    assertThat(readDispatch(12345)).isEmpty();
    assertThat(readDispatchByMessageId("nope@host.example")).isEmpty();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.recordDispatch(
                          dispatchRecord(record.dispatchId(), order.key(), "fresh@host.example"));
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.recordDispatch(dispatchRecord(99, order.key(), "abc.1@host.example"));
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
    assertThat(readDispatch(99)).isEmpty();
  }

  // --- inbox -------------------------------------------------------------------------------------

  /** The first record of a dedup key wins; a second is refused with false and changes nothing. */
  @Test
  protected void inboxRefusesDuplicates() {
    InboxRecord first = inbox("k-1", null, false);
    InboxRecord second =
        new InboxRecord(
            "k-1", "other", "x@y.example", T0.plusSeconds(5), Intent.ACCEPT, "r", null, "o", true);
    assertThat(readRecordInbound(first)).isTrue();
    assertThat(readRecordInbound(second)).isFalse();
    assertThat(readInbound("k-1")).contains(first);
    assertThat(readInbound("k-2")).isEmpty();
  }

  /** Records needing review are listed oldest first, at most the number asked for. */
  @Test
  protected void needingReviewListsOldestFirst() {
    WorkOrder order = Fixtures.workOrder().build();
    store.inTransaction(
        tx -> {
          tx.insert(order);
          tx.recordInbound(inboxAt("r-3", true, T0.plusSeconds(30)));
          tx.recordInbound(inboxAt("r-1", true, T0.plusSeconds(10)));
          tx.recordInbound(inboxAt("ok", false, T0));
          tx.recordInbound(inboxAt("r-2", true, T0.plusSeconds(20)));
          return null;
        });
    assertThat(readNeedingReview(10))
        .extracting(InboxRecord::dedupKey)
        .containsExactly("r-1", "r-2", "r-3");
    assertThat(readNeedingReview(2))
        .extracting(InboxRecord::dedupKey)
        .containsExactly("r-1", "r-2");
  }

  // --- outbox ------------------------------------------------------------------------------------

  /** Enqueued mail is pending with no attempts, and only claimed once due. */
  @Test
  protected void enqueuedMailIsClaimedWhenDue() {
    store.inTransaction(
        tx -> {
          tx.enqueue(mail("a"), T0);
          tx.enqueue(mail("b"), T0.plusSeconds(60));
          return null;
        });
    OutboxEntry a = readOutboxEntry("a").orElseThrow();
    assertThat(a.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(a.attempts()).isZero();
    assertThat(a.nextAttemptAt()).isEqualTo(T0);
    assertThat(a.mail()).isEqualTo(mail("a"));
    assertThat(claim(T0.minusSeconds(1), 10)).isEmpty();
    assertThat(claim(T0, 10)).containsExactly("a");
  }

  /** A claimed mail is held for its lease, and claimed again once the lease ran out. */
  @Test
  protected void claimHoldsForTheLease() {
    store.inTransaction(
        tx -> {
          tx.enqueue(mail("a"), T0);
          return null;
        });
    assertThat(claim(T0, 10)).containsExactly("a");
    assertThat(claim(T0.plusSeconds(59), 10)).isEmpty();
    assertThat(claim(T0.plusSeconds(61), 10)).containsExactly("a");
  }

  /** Claims take the oldest due first and at most {@code max}. */
  @Test
  protected void claimTakesOldestDueFirst() {
    store.inTransaction(
        tx -> {
          tx.enqueue(mail("late"), T0.plusSeconds(30));
          tx.enqueue(mail("early"), T0.plusSeconds(10));
          tx.enqueue(mail("middle"), T0.plusSeconds(20));
          return null;
        });
    assertThat(claim(T0.plusSeconds(100), 2)).containsExactly("early", "middle");
    assertThat(claim(T0.plusSeconds(100), 2)).containsExactly("late");
  }

  /** Sent mail leaves the pending mail for good. */
  @Test
  protected void sentMailIsNeverClaimedAgain() {
    store.inTransaction(
        tx -> {
          tx.enqueue(mail("a"), T0);
          return null;
        });
    claim(T0, 10);
    store.inTransaction(
        tx -> {
          tx.markSent("a", T0.plusSeconds(1));
          return null;
        });
    OutboxEntry a = readOutboxEntry("a").orElseThrow();
    assertThat(a.state()).isEqualTo(OutboxEntry.State.SENT);
    assertThat(a.sentAt()).isEqualTo(T0.plusSeconds(1));
    assertThat(claim(T0.plus(Duration.ofDays(1)), 10)).isEmpty();
  }

  /** A failure with a next attempt keeps the mail pending until then and counts the attempt. */
  @Test
  protected void failedMailIsRetriedLater() {
    store.inTransaction(
        tx -> {
          tx.enqueue(mail("a"), T0);
          return null;
        });
    claim(T0, 10);
    store.inTransaction(
        tx -> {
          tx.markFailed("a", "421 try later; 'quoted'", T0.plusSeconds(300));
          return null;
        });
    OutboxEntry a = readOutboxEntry("a").orElseThrow();
    assertThat(a.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(a.attempts()).isEqualTo(1);
    assertThat(a.lastError()).isEqualTo("421 try later; 'quoted'");
    assertThat(a.nextAttemptAt()).isEqualTo(T0.plusSeconds(300));
    assertThat(claim(T0.plusSeconds(299), 10)).isEmpty();
    assertThat(claim(T0.plusSeconds(300), 10)).containsExactly("a");
  }

  /** A failure without a next attempt blocks the mail until it is released. */
  @Test
  protected void blockedMailWaitsForRelease() {
    store.inTransaction(
        tx -> {
          tx.enqueue(mail("a"), T0);
          tx.enqueue(mail("b"), T0);
          return null;
        });
    claim(T0, 10);
    store.inTransaction(
        tx -> {
          tx.markFailed("a", "550 no such user", null);
          tx.markFailed("b", "451 later", T0.plusSeconds(5));
          return null;
        });
    assertThat(readBlocked(10)).extracting(OutboxEntry::id).containsExactly("a");
    assertThat(claim(T0.plus(Duration.ofDays(1)), 10)).containsExactly("b");
    assertThat(readRelease("b", T0)).isFalse();
    assertThat(readRelease("missing", T0)).isFalse();
    assertThat(readRelease("a", T0.plusSeconds(7))).isTrue();
    OutboxEntry a = readOutboxEntry("a").orElseThrow();
    assertThat(a.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(a.attempts()).isZero();
    assertThat(a.nextAttemptAt()).isEqualTo(T0.plusSeconds(7));
    assertThat(readBlocked(10)).isEmpty();
    assertThat(claim(T0.plusSeconds(7), 10)).containsExactly("a");
  }

  /**
   * The outbox state counts pending mail (retried or not yet due included) with its earliest due
   * time, and blocked mail; sent mail is not counted.
   */
  @Test
  protected void outboxStateCountsPendingAndBlockedMail() {
    assertThat(store.inTransaction(StoreTransaction::outboxState))
        .isEqualTo(new OutboxState(0, null, 0));
    store.inTransaction(
        tx -> {
          tx.enqueue(mail("sent"), T0.minusSeconds(100));
          tx.enqueue(mail("blocked"), T0.minusSeconds(50));
          tx.enqueue(mail("due"), T0.plusSeconds(10));
          tx.enqueue(mail("retried"), T0);
          tx.enqueue(mail("later"), T0.plusSeconds(3600));
          return null;
        });
    store.inTransaction(
        tx -> {
          tx.markSent("sent", T0);
          tx.markFailed("blocked", "550 no such user", null);
          tx.markFailed("retried", "451 later", T0.plusSeconds(20));
          return null;
        });
    assertThat(store.inTransaction(StoreTransaction::outboxState))
        .isEqualTo(new OutboxState(3, T0.plusSeconds(10), 1));
  }

  /** An outbox id is unique. */
  @Test
  protected void outboxIdIsUnique() {
    store.inTransaction(
        tx -> {
          tx.enqueue(mail("a"), T0);
          return null;
        });
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.enqueue(mail("a"), T0);
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
  }

  /** Claimers working at the same time never get the same entry, and together get them all. */
  @Test
  protected void concurrentClaimersNeverShareAnEntry() throws Exception {
    int entries = 120;
    store.inTransaction(
        tx -> {
          for (int i = 0; i < entries; i++) {
            tx.enqueue(mail("c-" + i), T0.plusMillis(i));
          }
          return null;
        });
    int threads = 4;
    Map<String, Integer> claimedBy = new ConcurrentHashMap<>();
    List<String> duplicates = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int me = t;
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  while (true) {
                    List<String> got = claim(T0.plusSeconds(10), 5);
                    if (got.isEmpty()) {
                      return null;
                    }
                    for (String id : got) {
                      if (claimedBy.putIfAbsent(id, me) != null) {
                        duplicates.add(id);
                      }
                    }
                  }
                }));
      }
      start.countDown();
      for (Future<?> f : futures) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(duplicates).isEmpty();
    assertThat(claimedBy).hasSize(entries);
  }

  // --- preferences and marks ---------------------------------------------------------------------

  /** A preference is found by subscriber and provider, and saving again replaces it. */
  @Test
  protected void preferencesAreSavedAndReplaced() {
    DispatchPreference pref = Fixtures.preference();
    DispatchPreference other =
        Fixtures.preference(
            Fixtures.OTHER_PROVIDER, Fixtures.OTHER_PROVIDER_ADDRESS, Locale.ENGLISH);
    store.inTransaction(
        tx -> {
          tx.savePreference(pref);
          tx.savePreference(other);
          return null;
        });
    assertThat(readPreference(Fixtures.SUBSCRIBER, Fixtures.PROVIDER)).contains(pref);
    DispatchPreference failing = pref.withAddressFailing(true);
    store.inTransaction(
        tx -> {
          tx.savePreference(failing);
          return null;
        });
    assertThat(readPreference(Fixtures.SUBSCRIBER, Fixtures.PROVIDER)).contains(failing);
    assertThat(readPreference(Fixtures.SUBSCRIBER, Fixtures.OTHER_PROVIDER)).contains(other);
    assertThat(readPreference(SubscriberId.of("nobody"), Fixtures.PROVIDER)).isEmpty();
  }

  /** A mark is recorded once per scope and key. */
  @Test
  protected void markOnceIsOncePerScopeAndKey() {
    assertThat(readMarkOnce("late", "a", T0)).isTrue();
    assertThat(readMarkOnce("late", "a", T0.plusSeconds(1))).isFalse();
    assertThat(readMarkOnce("late", "b", T0)).isTrue();
    assertThat(readMarkOnce("overdue", "a", T0)).isTrue();
  }

  // --- typed reads, each in its own transaction --------------------------------------------------

  private Optional<WorkOrder> readFind(WorkOrderKey key) {
    return store.inTransaction(tx -> tx.find(key));
  }

  private List<WorkOrder> readFindByTrackingNumber(TrackingNumber tn) {
    return store.inTransaction(tx -> tx.findByTrackingNumber(tn));
  }

  private List<WorkOrderEvent> readTimeline(WorkOrderKey key) {
    return store.inTransaction(tx -> tx.timeline(key));
  }

  private WorkOrderPage readList(WorkOrderQuery query) {
    return store.inTransaction(tx -> tx.list(query));
  }

  private Optional<DispatchRecord> readDispatch(long id) {
    return store.inTransaction(tx -> tx.dispatch(id));
  }

  private Optional<DispatchRecord> readDispatchByMessageId(String id) {
    return store.inTransaction(tx -> tx.dispatchByMessageId(id));
  }

  private boolean readRecordInbound(InboxRecord record) {
    return store.inTransaction(tx -> tx.recordInbound(record));
  }

  private Optional<InboxRecord> readInbound(String key) {
    return store.inTransaction(tx -> tx.inbound(key));
  }

  private List<InboxRecord> readNeedingReview(int max) {
    return store.inTransaction(tx -> tx.needingReview(max));
  }

  private Optional<OutboxEntry> readOutboxEntry(String id) {
    return store.inTransaction(tx -> tx.outboxEntry(id));
  }

  private List<OutboxEntry> readBlocked(int max) {
    return store.inTransaction(tx -> tx.blocked(max));
  }

  private boolean readRelease(String id, Instant now) {
    return store.inTransaction(tx -> tx.release(id, now));
  }

  private Optional<DispatchPreference> readPreference(SubscriberId s, ProviderId p) {
    return store.inTransaction(tx -> tx.preference(s, p));
  }

  private boolean readMarkOnce(String scope, String key, Instant at) {
    return store.inTransaction(tx -> tx.markOnce(scope, key, at));
  }

  private List<OutboxEntry> readClaimDue(Instant now, Duration lease, int max) {
    return store.inTransaction(tx -> tx.claimDue(now, lease, max));
  }

  // --- helpers -----------------------------------------------------------------------------------

  private List<String> claim(Instant now, int max) {
    return readClaimDue(now, Duration.ofSeconds(60), max).stream().map(OutboxEntry::id).toList();
  }

  private void insertAll(List<WorkOrder> orders) {
    store.inTransaction(
        tx -> {
          orders.forEach(tx::insert);
          return null;
        });
  }

  private static WorkOrderQuery.Builder q(Instant asOf) {
    return WorkOrderQuery.builder(asOf, DispatchPolicies.defaults()).page(0, 500);
  }

  private void checkFilter(
      List<WorkOrder> orders,
      WorkOrderQuery.Builder query,
      java.util.function.Predicate<WorkOrder> expected) {
    WorkOrderQuery built = query.build();
    WorkOrderPage page = readList(built);
    List<WorkOrderKey> want = orders.stream().filter(expected).map(WorkOrder::key).toList();
    assertThat(keys(page.items())).as("%s", built).containsExactlyInAnyOrderElementsOf(want);
    assertThat(page.total()).isEqualTo(want.size());
  }

  private static List<WorkOrderKey> keys(List<WorkOrder> orders) {
    return orders.stream().map(WorkOrder::key).toList();
  }

  private static boolean has(WorkOrderFlags flags, WorkOrderQuery.Flag flag) {
    return switch (flag) {
      case LATE -> flags.late();
      case RESPONSE_OVERDUE -> flags.responseOverdue();
      case REASSIGNABLE -> flags.reassignable();
      case RESCHEDULED_TOO_OFTEN -> flags.rescheduledTooOften();
    };
  }

  /**
   * Work orders that differ in every filtered field: subscribers, providers, sites, priorities,
   * every status, expected dates before and after the judging instants (some equal, to exercise the
   * tie-breaks), dispatch instants and reschedule counts.
   */
  protected static List<WorkOrder> variedOrders() {
    List<WorkOrder> orders = new ArrayList<>();
    Site north = new Site("Depot 'North'; 2", "1 quai Nord", "+33 1 00", Fixtures.PARIS);
    Site montreal =
        new Site("Montréal 🍁", "1 rue Sainte-Catherine", "+1 514", ZoneId.of("America/Montreal"));
    List<Status> statuses = Status.all();
    int n = 0;
    for (int i = 0; i < 24; i++) {
      Status status = statuses.get(i % statuses.size());
      Site site = i % 3 == 0 ? north : i % 3 == 1 ? Fixtures.SITE : montreal;
      LocalDateTime expected = LocalDateTime.of(2026, 3, 1, 9, 0).plusHours(12L * (i % 7));
      orders.add(
          Fixtures.workOrder()
              .trackingNumber(String.valueOf(300000 + (n++)))
              .subscriber(i % 2 == 0 ? "client-a" : "client-b")
              .provider(i % 4 == 0 ? Fixtures.OTHER_PROVIDER : Fixtures.PROVIDER)
              .site(site)
              .priority(i % 5 < 2 ? Priority.NON_URGENT : Priority.URGENT)
              .expected(expected)
              .status(status)
              .dispatchedAt(T0.minus(Duration.ofMinutes(17L * i)))
              .rescheduleCount(i % 4)
              .build());
    }
    return orders;
  }

  /** The order with two notes and two attachments appended through real commands. */
  private static WorkOrder withHistory(WorkOrder order) {
    WorkOrder o = order;
    Instant at = T0.plusSeconds(1);
    o = o.handle(new WorkOrderCommand.AddNote("first", NoteAuthor.CLIENT), at).after();
    o = o.handle(new WorkOrderCommand.AddAttachment(attachment("att-1")), at).after();
    o = o.handle(new WorkOrderCommand.AddNote("second\nline", NoteAuthor.PROVIDER), at).after();
    o = o.handle(new WorkOrderCommand.AddAttachment(attachment("att-2")), at).after();
    o = o.handle(new WorkOrderCommand.RecordDispatchMessage("abc@h.example"), at).after();
    return o.handle(new WorkOrderCommand.Decline(DeclineReason.NTE_TOO_LOW, "too low"), at).after();
  }

  private static AttachmentRef attachment(String id) {
    return new AttachmentRef(id, "photo " + id + ".jpg", "image/jpeg", 1234, "a".repeat(64));
  }

  private static WorkOrderEvent dispatched(WorkOrder o) {
    return new WorkOrderEvent.Dispatched(
        o.trackingNumber(),
        1,
        o.dispatchedAt(),
        o.subscriber(),
        o.provider(),
        o.site(),
        o.problem(),
        o.priority(),
        o.nte(),
        o.expectedDate(),
        o.contacts());
  }

  private static WorkOrderEvent event(WorkOrder o) {
    return new WorkOrderEvent.Declined(o.trackingNumber(), o.version(), T0, null, null);
  }

  /** One event of every type, with every optional field set in some and absent in others. */
  protected static List<WorkOrderEvent> everyEventType(WorkOrder order) {
    TrackingNumber tn = order.trackingNumber();
    Instant at = T0.plusSeconds(1).plusNanos(123_456_000);
    ExpectedDate later = ExpectedDate.of(LocalDateTime.of(2026, 3, 5, 14, 30), Fixtures.PARIS);
    Nte higher = Nte.of("750.50", "EUR");
    List<WorkOrderEvent> events = new ArrayList<>();
    events.add(dispatched(order));
    events.add(new WorkOrderEvent.DispatchMessageRecorded(tn, 2, at, "x.1@dispatch.example"));
    events.add(new WorkOrderEvent.Declined(tn, 3, at, DeclineReason.CANT_MAKE_DATE, "pas dispo"));
    events.add(
        new WorkOrderEvent.Reassigned(tn, 4, at, Fixtures.PROVIDER, Fixtures.OTHER_PROVIDER));
    events.add(new WorkOrderEvent.Declined(tn, 5, at, null, null));
    events.add(
        new WorkOrderEvent.ExpectedDateChanged(
            tn, 6, at, order.expectedDate(), later, "client asked", Fixtures.ALICE, 1));
    events.add(new WorkOrderEvent.Accepted(tn, 7, at));
    events.add(
        new WorkOrderEvent.NoteAdded(tn, 8, at, new Note("on my way", NoteAuthor.PROVIDER, at)));
    events.add(new WorkOrderEvent.AttachmentAdded(tn, 9, at, attachment("att-9")));
    events.add(new WorkOrderEvent.NteIncreaseRequested(tn, 10, at, higher, "more pipes"));
    events.add(new WorkOrderEvent.NteIncreaseApproved(tn, 11, at, order.nte(), higher));
    events.add(
        new WorkOrderEvent.NteIncreaseRequested(tn, 12, at, Nte.of("900", "EUR"), "even more"));
    events.add(new WorkOrderEvent.NteIncreaseRejected(tn, 13, at, Nte.of("900", "EUR"), null));
    events.add(new WorkOrderEvent.CheckedIn(tn, 14, at));
    events.add(new WorkOrderEvent.ProgressUpdated(tn, 15, at, ProgressUpdate.PARTS_ON_ORDER));
    events.add(new WorkOrderEvent.ProgressUpdated(tn, 16, at, ProgressUpdate.INCOMPLETE));
    events.add(new WorkOrderEvent.Completed(tn, 17, at));
    events.add(new WorkOrderEvent.Confirmed(tn, 18, at));
    events.add(new WorkOrderEvent.Cancelled(tn, 19, at, "duplicate request"));
    events.add(new WorkOrderEvent.Cancelled(tn, 20, at, null));
    return events;
  }

  private static DispatchRecord dispatchRecord(long id, WorkOrderKey key, String messageId) {
    return new DispatchRecord(id, key, Fixtures.PROVIDER, messageId, T0);
  }

  private static InboxRecord inbox(String key, @Nullable WorkOrderKey order, boolean review) {
    return new InboxRecord(
        key,
        key + "@mail.example",
        Fixtures.PROVIDER_ADDRESS,
        T0,
        Intent.ACCEPT,
        "accept-word",
        order,
        "applied",
        review);
  }

  private static InboxRecord inboxAt(String key, boolean review, Instant at) {
    return new InboxRecord(
        key, null, null, at, Intent.UNCLEAR, "no-decision-word", null, "kept", review);
  }

  /** A simple mail with this outbox id. */
  protected static OutboundMail mail(String id) {
    return new OutboundMail(
        id,
        id + "@dispatch.example",
        MailKind.DISPATCH,
        "dispatch@host.example",
        "dispatch+token@host.example",
        List.of(Fixtures.PROVIDER_ADDRESS),
        "Service request #100200",
        "Body of " + id,
        null,
        null,
        null,
        Map.of());
  }
}
