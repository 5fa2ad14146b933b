package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.Note;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.Priority;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the per-port store contracts share: the store under test, new for every test, and the
 * fixtures and reads they use. Extend one of the contracts ({@link WorkOrdersContract}, {@link
 * TimelineContract}, {@link DispatchesContract}, {@link InboxContract}, {@link OutboxContract},
 * {@link PreferencesContract}, {@link OnceMarksContract}, {@link TransactionContract}), or {@link
 * WorkOrderStoreContract} for all of them.
 *
 * <p>Instants used here are whole seconds, and texts include quotes, semicolons, SQL fragments,
 * accents, CJK and emoji: whatever goes in must come back equal.
 */
public abstract class StoreContract {

  /** Texts that break naive SQL, escaping or encodings. */
  protected static final List<String> HOSTILE =
      List.of(
          "O'Brien \"quoted\"; semi;colon",
          "'; DROP TABLE work_orders; --",
          "Robert'); DELETE FROM outbox;--",
          "100% _wild_ \\back\\slash",
          "Ünïcødé façade — 日本語 ✓ 🔧🚿👍🏽",
          "<script>alert('x')</script> &amp;");

  /** The instant the fixtures start at. */
  protected static final Instant T0 = Fixtures.T0;

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

  // --- typed reads, each in its own transaction --------------------------------------------------

  Optional<WorkOrder> readFind(WorkOrderKey key) {
    return store.inTransaction(tx -> tx.workOrders().find(key));
  }

  List<WorkOrder> readFindByTrackingNumber(TrackingNumber tn) {
    return store.inTransaction(tx -> tx.workOrders().findByTrackingNumber(tn));
  }

  List<WorkOrderEvent> readTimeline(WorkOrderKey key) {
    return store.inTransaction(tx -> tx.timeline().events(key));
  }

  WorkOrderPage readList(WorkOrderQuery query) {
    return store.inTransaction(tx -> tx.workOrders().list(query));
  }

  Optional<DispatchRecord> readDispatch(long id) {
    return store.inTransaction(tx -> tx.dispatches().find(id));
  }

  Optional<DispatchRecord> readDispatchByMessageId(String id) {
    return store.inTransaction(tx -> tx.dispatches().findByMessageId(id));
  }

  boolean readRecordInbound(InboxRecord record) {
    return store.inTransaction(tx -> tx.inbox().record(record));
  }

  Optional<InboxRecord> readInbound(String key) {
    return store.inTransaction(tx -> tx.inbox().find(key));
  }

  List<InboxRecord> readNeedingReview(int max) {
    return store.inTransaction(tx -> tx.inbox().needingReview(max));
  }

  List<InboxRecord> readNeedingReview(SubscriberId subscriber, int max) {
    return store.inTransaction(tx -> tx.inbox().needingReview(subscriber, max));
  }

  boolean readMarkReviewed(String key, String outcome, Instant at) {
    return store.inTransaction(tx -> tx.inbox().markReviewed(key, outcome, at));
  }

  Optional<OutboxEntry> readOutboxEntry(String id) {
    return store.inTransaction(tx -> tx.outbox().find(id));
  }

  List<OutboxEntry> readBlocked(int max) {
    return store.inTransaction(tx -> tx.outbox().blocked(max));
  }

  boolean readRelease(String id, Instant now) {
    return store.inTransaction(tx -> tx.outbox().release(id, now));
  }

  Optional<DispatchPreference> readPreference(SubscriberId s, ProviderId p) {
    return store.inTransaction(tx -> tx.preferences().find(s, p));
  }

  boolean readMarkOnce(String scope, String key, Instant at) {
    return store.inTransaction(tx -> tx.onceMarks().mark(scope, key, at));
  }

  List<OutboxEntry> readClaimDue(Instant now, Duration lease, int max) {
    return store.inTransaction(tx -> tx.outbox().claimDue(now, lease, max));
  }

  // --- helpers -----------------------------------------------------------------------------------

  List<String> claim(Instant now, int max) {
    return readClaimDue(now, Duration.ofSeconds(60), max).stream().map(OutboxEntry::id).toList();
  }

  void insertAll(List<WorkOrder> orders) {
    store.inTransaction(
        tx -> {
          orders.forEach(tx.workOrders()::insert);
          return null;
        });
  }

  static WorkOrderQuery.Builder q(Instant asOf) {
    return WorkOrderQuery.builder(asOf, DispatchPolicies.defaults()).page(0, 500);
  }

  void checkFilter(
      List<WorkOrder> orders,
      WorkOrderQuery.Builder query,
      java.util.function.Predicate<WorkOrder> expected) {
    WorkOrderQuery built = query.build();
    WorkOrderPage page = readList(built);
    List<WorkOrderKey> want = orders.stream().filter(expected).map(WorkOrder::key).toList();
    assertThat(keys(page.items())).as("%s", built).containsExactlyInAnyOrderElementsOf(want);
    assertThat(page.total()).isEqualTo(want.size());
  }

  static List<WorkOrderKey> keys(List<WorkOrder> orders) {
    return orders.stream().map(WorkOrder::key).toList();
  }

  static boolean has(WorkOrderFlags flags, WorkOrderQuery.Flag flag) {
    return switch (flag) {
      case LATE -> flags.late();
      case RESPONSE_OVERDUE -> flags.responseOverdue();
      case REASSIGNABLE -> flags.reassignable();
      case RESCHEDULED_TOO_OFTEN -> flags.rescheduledTooOften();
      case UNDELIVERED -> flags.undelivered();
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
              // Every other OPEN order bounced: the UNDELIVERED and REASSIGNABLE filters see both.
              .undelivered(status.equals(Status.OPEN) && i % 2 == 0)
              .build());
    }
    return orders;
  }

  /** The order with two notes and two attachments appended through real commands. */
  static WorkOrder withHistory(WorkOrder order) {
    WorkOrder o = order;
    Instant at = T0.plusSeconds(1);
    o = o.handle(new WorkOrderCommand.AddNote("first", NoteAuthor.CLIENT), at).after();
    o = o.handle(new WorkOrderCommand.AddAttachment(attachment("att-1")), at).after();
    o = o.handle(new WorkOrderCommand.AddNote("second\nline", NoteAuthor.PROVIDER), at).after();
    o = o.handle(new WorkOrderCommand.AddAttachment(attachment("att-2")), at).after();
    o = o.handle(new WorkOrderCommand.RecordDispatchMessage("abc@h.example"), at).after();
    return o.handle(new WorkOrderCommand.Decline(DeclineReason.NTE_TOO_LOW, "too low"), at).after();
  }

  static AttachmentRef attachment(String id) {
    return new AttachmentRef(id, "photo " + id + ".jpg", "image/jpeg", 1234, "a".repeat(64));
  }

  static WorkOrderEvent dispatched(WorkOrder o) {
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

  static WorkOrderEvent event(WorkOrder o) {
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
    events.add(new WorkOrderEvent.CompletionRejected(tn, 21, at, "tap still drips\nsee photo"));
    events.add(new WorkOrderEvent.DispatchUndelivered(tn, 22, at));
    events.add(
        new WorkOrderEvent.NoteAdded(
            tn, 23, at, new Note("photos", NoteAuthor.PROVIDER, at, List.of("att-9", "att-x"))));
    events.add(
        new WorkOrderEvent.NteIncreaseApproved(
            tn, 24, at, higher, Nte.of("900", "EUR"), "go ahead"));
    return events;
  }

  static DispatchRecord dispatchRecord(long id, WorkOrderKey key, String messageId) {
    return new DispatchRecord(id, key, Fixtures.PROVIDER, messageId, T0);
  }

  static InboxRecord inbox(String key, @Nullable WorkOrderKey order, boolean review) {
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

  static InboxRecord inboxAt(String key, boolean review, Instant at) {
    return new InboxRecord(
        key, null, null, at, Intent.UNCLEAR, "no-decision-word", null, "kept", review);
  }

  /** A record needing review about {@code order}, received at {@code at}, with subject and text. */
  static InboxRecord reviewAt(String key, @Nullable WorkOrderKey order, Instant at) {
    return new InboxRecord(
        key,
        key,
        Fixtures.PROVIDER_ADDRESS,
        at,
        Intent.UNCLEAR,
        "no-decision-word",
        order,
        "unclear",
        true,
        "RE: Service request #" + key,
        "Peut-être jeudi ?\n\n> original",
        null,
        null);
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
