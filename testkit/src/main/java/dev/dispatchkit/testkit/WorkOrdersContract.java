package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.error.DuplicateWorkOrderException;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.workorder.DispatchState;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the {@link dev.dispatchkit.spi.WorkOrders} port: insert, find, duplicate keys,
 * optimistic updates and listing. An adapter's test extends this class and returns a new, empty
 * store from {@link #createStore()}; every test here must pass unchanged. {@link
 * WorkOrderStoreContract} runs this contract together with those of the other ports. The tests of
 * the list's capped total are inherited from {@link WorkOrderTotalsContract}.
 */
public abstract class WorkOrdersContract extends WorkOrderTotalsContract {

  /** An inserted work order is found, equal in every field. */
  @Test
  protected void insertedWorkOrderIsFoundEqual() {
    WorkOrder order = Fixtures.workOrder().build();
    store.inTransaction(
        tx -> {
          tx.workOrders().insert(order);
          return null;
        });
    assertThat(readFind(order.key())).contains(order);
  }

  /**
   * A work order in each status, with notes, attachments and a decline, and an undelivered one,
   * come back equal.
   */
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
    orders.add(Fixtures.workOrder().trackingNumber("799998").undelivered(true).build());
    store.inTransaction(
        tx -> {
          orders.forEach(tx.workOrders()::insert);
          return null;
        });
    for (WorkOrder order : orders) {
      assertThat(readFind(order.key())).contains(order);
    }
  }

  /** The undelivered mark is stored by an update, and cleared by the next. */
  @Test
  protected void undeliveredMarkIsUpdatedBothWays() {
    WorkOrder order = Fixtures.workOrder().trackingNumber("799997").build();
    WorkOrder marked =
        order.handle(new WorkOrderCommand.MarkUndelivered(), T0.plusSeconds(5)).after();
    WorkOrder reassigned =
        marked
            .handle(new WorkOrderCommand.Reassign(Fixtures.OTHER_PROVIDER), T0.plusSeconds(9))
            .after();
    store.inTransaction(
        tx -> {
          tx.workOrders().insert(order);
          tx.workOrders().update(marked, order.version());
          return null;
        });
    assertThat(readFind(order.key())).hasValueSatisfying(o -> assertThat(o.undelivered()).isTrue());
    assertThat(readFind(order.key())).contains(marked);
    store.inTransaction(
        tx -> {
          tx.workOrders().update(reassigned, marked.version());
          return null;
        });
    assertThat(readFind(order.key())).contains(reassigned);
    assertThat(reassigned.undelivered()).isFalse();
  }

  /**
   * The fields NTE increases and notes with files use: a pending request (amount, currency, reason,
   * instant), the NTE an approval puts in force, and the files each note carries, inserted and
   * updated alike.
   */
  @Test
  protected void nteIncreaseAndNoteFilesRoundTrip() {
    Instant at = T0.plusSeconds(5).plusNanos(654_321_000);
    WorkOrder o = Fixtures.workOrder().trackingNumber("798001").build();
    o = o.handle(new WorkOrderCommand.Accept(), at).after();
    o = o.handle(new WorkOrderCommand.AddAttachment(attachment("nf-1")), at).after();
    o = o.handle(new WorkOrderCommand.AddAttachment(attachment("nf-2")), at).after();
    o = o.handle(new WorkOrderCommand.AddNote("no file", NoteAuthor.CLIENT), at).after();
    o =
        o.handle(
                new WorkOrderCommand.AddNote(
                    "two photos", NoteAuthor.PROVIDER, List.of("nf-2", "nf-1")),
                at)
            .after();
    o =
        o.handle(
                new WorkOrderCommand.RequestNteIncrease(
                    Nte.of("1250.55", "EUR"), "ballon à remplacer\nurgent"),
                at)
            .after();
    WorkOrder pending = o;
    store.inTransaction(
        tx -> {
          tx.workOrders().insert(pending);
          return null;
        });
    assertThat(readFind(pending.key())).contains(pending);
    assertThat(readFind(pending.key()).orElseThrow().notes().get(1).attachmentIds())
        .containsExactly("nf-2", "nf-1");

    WorkOrder approved =
        pending.handle(new WorkOrderCommand.ApproveNteIncrease("ok"), at.plusSeconds(1)).after();
    store.inTransaction(
        tx -> {
          tx.workOrders().update(approved, pending.version());
          return null;
        });
    WorkOrder read = readFind(approved.key()).orElseThrow();
    assertThat(read).isEqualTo(approved);
    assertThat(read.nte()).isEqualTo(Nte.of("1250.55", "EUR"));
    assertThat(read.pendingNteIncrease()).isNull();

    WorkOrder asked =
        approved
            .handle(
                new WorkOrderCommand.RequestNteIncrease(Nte.of("2000", "EUR"), "more"),
                at.plusSeconds(2))
            .after();
    WorkOrder rejected =
        asked.handle(new WorkOrderCommand.RejectNteIncrease("no"), at.plusSeconds(3)).after();
    store.inTransaction(
        tx -> {
          tx.workOrders().update(asked, approved.version());
          tx.workOrders().update(rejected, asked.version());
          return null;
        });
    assertThat(readFind(rejected.key())).contains(rejected);
  }

  /** A second work order with a taken key is refused; the first stays. */
  @Test
  protected void duplicateKeyIsRefused() {
    WorkOrder order = Fixtures.workOrder().build();
    store.inTransaction(
        tx -> {
          tx.workOrders().insert(order);
          return null;
        });
    WorkOrder again = Fixtures.workOrder().priority(Priority.NON_URGENT).build();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.workOrders().insert(again);
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
          tx.workOrders().insert(b);
          tx.workOrders().insert(a);
          tx.workOrders().insert(other);
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
          tx.workOrders().insert(order);
          return null;
        });
    store.inTransaction(
        tx -> {
          tx.workOrders().update(accepted, order.version());
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
          tx.workOrders().insert(order);
          return null;
        });
    store.inTransaction(
        tx -> {
          tx.workOrders().update(accepted, 1);
          return null;
        });
    WorkOrder declined =
        order.handle(new WorkOrderCommand.Decline(null, null), T0.plusSeconds(61)).after();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.timeline().append(order.key(), event(declined));
                      tx.outbox().enqueue(mail("stale-1"), T0);
                      tx.workOrders().update(declined, 1);
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
                      tx.workOrders().update(order, 1);
                      return null;
                    }))
        .isInstanceOf(ConcurrentUpdateException.class);
  }

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
        checkFilter(
            orders,
            q(at).flags(Set.of(flag)),
            o -> has(policies.flags(DispatchState.of(o), at), flag));
      }
    }
    checkFilter(
        orders,
        q(asOf)
            .flags(Set.of(WorkOrderQuery.Flag.LATE, WorkOrderQuery.Flag.REASSIGNABLE))
            .priorities(Set.of(Priority.URGENT)),
        o ->
            policies.flags(DispatchState.of(o), asOf).late()
                && policies.flags(DispatchState.of(o), asOf).reassignable()
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
              .filter(o -> has(strict.flags(DispatchState.of(o), at), flag))
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

  /** Keyset pages, each after the last order of the one before, read the same list as offsets. */
  @Test
  protected void keysetPagesReadTheSameListAsOffsets() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    for (WorkOrderQuery.Sort sort : WorkOrderQuery.Sort.values()) {
      List<WorkOrder> byOffset = readList(q(T0).sort(sort).page(0, 500).build()).items();
      List<WorkOrder> byKeyset = new ArrayList<>();
      WorkOrderQuery.After after = null;
      while (true) {
        WorkOrderPage page = readList(q(T0).sort(sort).page(0, 2).after(after).build());
        assertThat(page.total()).isEqualTo(orders.size());
        byKeyset.addAll(page.items());
        if (page.items().size() < 2) {
          break;
        }
        after = WorkOrderQuery.After.of(page.items().get(page.items().size() - 1));
      }
      assertThat(byKeyset).as("sort %s", sort).containsExactlyElementsOf(byOffset);
    }
  }

  /**
   * {@code listItems} reads exactly the items of {@code list}'s page, for every sort, page size and
   * filter, whether paged by offset or by keyset.
   */
  @Test
  protected void listItemsReadTheItemsOfTheListsPage() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    Instant later = T0.plus(Duration.ofDays(30));
    for (WorkOrderQuery.Sort sort : WorkOrderQuery.Sort.values()) {
      for (WorkOrderQuery.Builder filter :
          List.of(
              q(T0),
              q(later).flags(Set.of(WorkOrderQuery.Flag.LATE)),
              q(later).flags(Set.of(WorkOrderQuery.Flag.REASSIGNABLE)),
              q(T0).primaryStatuses(Set.of(PrimaryStatus.OPEN)))) {
        WorkOrderQuery.After after = null;
        int pages = 0;
        while (pages++ < 50) {
          WorkOrderQuery query = filter.sort(sort).page(0, 2).after(after).build();
          List<WorkOrder> items = store.inTransaction(tx -> tx.workOrders().listItems(query));
          assertThat(items)
              .as("sort %s, page %d", sort, pages)
              .containsExactlyElementsOf(readList(query).items());
          if (items.size() < 2) {
            break;
          }
          after = WorkOrderQuery.After.of(items.get(items.size() - 1));
        }
        WorkOrderQuery offset = filter.sort(sort).after(null).page(1, 3).build();
        List<WorkOrder> skipped = store.inTransaction(tx -> tx.workOrders().listItems(offset));
        assertThat(skipped).containsExactlyElementsOf(readList(offset).items());
      }
    }
  }

  /** A read-only unit of work reads what was committed before it. */
  @Test
  protected void readOnlyUnitsOfWorkSeeWhatWasCommitted() {
    WorkOrder order = Fixtures.workOrder().build();
    insertAll(List.of(order));
    Optional<WorkOrder> found =
        store.inReadOnlyTransaction(tx -> tx.workOrders().find(order.key()));
    assertThat(found).contains(order);
    WorkOrderPage all = store.inReadOnlyTransaction(tx -> tx.workOrders().list(q(T0).build()));
    assertThat(all.total()).isEqualTo(1);
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
}
