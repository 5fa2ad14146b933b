package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.Orders.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.jdbc.testsupport.RoundTripCounter;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.jdbc.testsupport.TestPool;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.Change;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The round trips of an applied reply (inbox record, read, versioned update, event, mail), counted
 * with {@link RoundTripCounter}: a regression guard, since counts do not vary from run to run as
 * times do. Each subclass gives its database's figure, the one the adapter achieves; the guarantees
 * that the fewer round trips must keep are checked alongside.
 */
abstract class RoundTripBehaviour extends DatabaseTest {
  private final int maxPerReply;
  private final int maxStatementsPerReply;
  private final int maxStatementsRecordedLast;
  final RoundTripCounter counter = new RoundTripCounter();
  private TestPool pool;
  WorkOrderStore counted;

  /**
   * @param maxPerReply the counted calls of one applied reply, all kinds
   * @param maxStatementsPerReply of which statements and batches
   * @param maxStatementsRecordedLast the statements and batches of a reply recorded after its
   *     writes, as the facade records it
   */
  RoundTripBehaviour(
      TestDatabase database,
      int maxPerReply,
      int maxStatementsPerReply,
      int maxStatementsRecordedLast) {
    super(database);
    this.maxPerReply = maxPerReply;
    this.maxStatementsPerReply = maxStatementsPerReply;
    this.maxStatementsRecordedLast = maxStatementsRecordedLast;
  }

  @BeforeAll
  void countedStore() {
    // A pool, as a host has: opening a connection is not the reply's cost.
    pool = new TestPool(dataSource, 1);
    counted = JdbcStore.builder(counter.wrap(pool)).tablePrefix(prefix).migrate(false).build();
  }

  @AfterAll
  void closePool() {
    if (pool != null) {
      pool.close();
    }
  }

  @BeforeEach
  void dispatched() {
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(Orders.dispatched("client-1", "100200"));
          return null;
        });
    counter.reset();
  }

  static final WorkOrderKey KEY = Orders.dispatched("client-1", "100200").key();

  static InboxRecord inbound(String messageId) {
    return new InboxRecord(
        messageId,
        messageId,
        "provider@acme.example",
        T0,
        Intent.UNCLEAR,
        "unclear",
        KEY,
        "applied",
        false);
  }

  static OutboundMail notice(String id) {
    return Orders.mail(id);
  }

  /**
   * What the facade does with a reply, as the apply benchmark does: record the message (a duplicate
   * stops here), read the work order, note the reply, update it against the version read, append
   * the event, queue a mail. Returns whether it applied.
   */
  static boolean apply(WorkOrderStore on, String messageId, String text) {
    return on.inTransaction(
        (StoreTransaction tx) -> {
          if (!tx.inbox().record(inbound(messageId))) {
            return false;
          }
          WorkOrder current = tx.workOrders().find(KEY).orElseThrow();
          Change change =
              current.handle(
                  new WorkOrderCommand.AddNote(text, NoteAuthor.PROVIDER), T0.plusSeconds(60));
          tx.workOrders().update(change.after(), current.version());
          tx.timeline().append(KEY, change.event());
          tx.outbox().enqueue(notice("notice-" + messageId), T0);
          return true;
        });
  }

  /**
   * The facade's order: read, write, then record the message, refusing a duplicate by throwing
   * (which undoes the writes, as the facade's {@code AlreadyRecorded} does).
   */
  private static void applyRecordingLast(
      WorkOrderStore on, String messageId, String text, String mailId) {
    on.inTransaction(
        (StoreTransaction tx) -> {
          WorkOrder current = tx.workOrders().find(KEY).orElseThrow();
          Change change =
              current.handle(
                  new WorkOrderCommand.AddNote(text, NoteAuthor.PROVIDER), T0.plusSeconds(60));
          tx.workOrders().update(change.after(), current.version());
          tx.timeline().append(KEY, change.event());
          tx.outbox().enqueue(notice(mailId), T0);
          if (!tx.inbox().record(inbound(messageId))) {
            throw new IllegalStateException("already recorded: " + messageId);
          }
          return null;
        });
  }

  WorkOrder read() {
    return store.inTransaction((StoreTransaction tx) -> tx.workOrders().find(KEY)).orElseThrow();
  }

  private int events() {
    return store.inTransaction((StoreTransaction tx) -> tx.timeline().events(KEY)).size();
  }

  @Test
  void anAppliedReplyTakesNoMoreRoundTripsThanAchieved() {
    for (int i = 1; i <= 3; i++) {
      counter.reset();
      assertThat(apply(counted, "<reply-" + i + "@x>", "reply " + i)).isTrue();
      assertThat(counter.total())
          .as("%s: calls of reply %d: %s", database, i, counter.calls())
          .isLessThanOrEqualTo(maxPerReply);
      assertThat(counter.count(RoundTripCounter.Kind.STATEMENT))
          .as("%s: statements of reply %d: %s", database, i, counter.calls())
          .isLessThanOrEqualTo(maxStatementsPerReply);
    }
    WorkOrder after = read();
    assertThat(after.version()).isEqualTo(4);
    assertThat(after.notes()).extracting(n -> n.text()).endsWith("reply 1", "reply 2", "reply 3");
    assertThat(events()).isEqualTo(3);
  }

  @Test
  void aDuplicateAppliesNothing() {
    assertThat(apply(counted, "<once@x>", "first")).isTrue();
    WorkOrder applied = read();
    counter.reset();

    assertThat(apply(counted, "<once@x>", "second")).isFalse();

    // The inbox insert and the commit, and the switches in and out of a transaction.
    assertThat(counter.count(RoundTripCounter.Kind.STATEMENT)).as("%s", counter.calls()).isOne();
    assertThat(read()).isEqualTo(applied);
    assertThat(events()).isOne();
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.outbox().find("notice-<once@x>")))
        .isPresent();
  }

  @Test
  void aMessageRecordedAfterTheWritesGoesWithThemAndADuplicateUndoesThem() {
    counter.reset();
    applyRecordingLast(counted, "<last@x>", "recorded last", "notice-1");
    assertThat(counter.count(RoundTripCounter.Kind.STATEMENT))
        .as("%s: %s", database, counter.calls())
        .isLessThanOrEqualTo(maxStatementsRecordedLast);
    WorkOrder applied = read();
    assertThat(applied.notes()).extracting(n -> n.text()).endsWith("recorded last");

    assertThatThrownBy(() -> applyRecordingLast(counted, "<last@x>", "twice", "notice-2"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already recorded");
    assertThat(read()).isEqualTo(applied);
    assertThat(events()).isOne();
    store.inTransaction(
        (StoreTransaction tx) -> {
          assertThat(tx.outbox().find("notice-1")).isPresent();
          assertThat(tx.outbox().find("notice-2")).isEmpty();
          return null;
        });
  }

  @Test
  void aLostUpdateWritesNothingOfTheReply() {
    WorkOrder stale = read();
    assertThat(apply(store, "<first@x>", "first")).isTrue();

    assertThatThrownBy(
            () ->
                counted.inTransaction(
                    (StoreTransaction tx) -> {
                      assertThat(tx.inbox().record(inbound("<late@x>"))).isTrue();
                      Change change =
                          stale.handle(
                              new WorkOrderCommand.AddNote("late", NoteAuthor.PROVIDER),
                              T0.plusSeconds(90));
                      tx.workOrders().update(change.after(), stale.version());
                      tx.timeline().append(KEY, change.event());
                      tx.outbox().enqueue(notice("notice-late"), T0);
                      return null;
                    }))
        .isInstanceOfSatisfying(
            ConcurrentUpdateException.class,
            e -> assertThat(e.expectedVersion()).isEqualTo(stale.version()));

    assertThat(read().version()).isEqualTo(stale.version() + 1);
    assertThat(events()).isOne();
    store.inTransaction(
        (StoreTransaction tx) -> {
          assertThat(tx.inbox().find("<late@x>")).isEmpty();
          assertThat(tx.outbox().find("notice-late")).isEmpty();
          return null;
        });
    // The message can be applied again, on the version now stored.
    assertThat(apply(counted, "<late@x>", "late")).isTrue();
    assertThat(read().version()).isEqualTo(stale.version() + 2);
  }

  @Test
  void aTakenOutboxIdAmongHeldBackWritesFailsTheWholeUnit() {
    assertThat(apply(store, "<first@x>", "first")).isTrue();
    WorkOrder before = read();

    assertThatThrownBy(
            () ->
                counted.inTransaction(
                    (StoreTransaction tx) -> {
                      WorkOrder current = tx.workOrders().find(KEY).orElseThrow();
                      Change change =
                          current.handle(
                              new WorkOrderCommand.AddNote("again", NoteAuthor.PROVIDER),
                              T0.plusSeconds(90));
                      tx.workOrders().update(change.after(), current.version());
                      tx.outbox().enqueue(notice("notice-<first@x>"), T0);
                      tx.timeline().append(KEY, change.event());
                      return null;
                    }))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("notice-<first@x> is already queued");

    assertThat(read()).isEqualTo(before);
    assertThat(events()).isOne();
  }

  @Test
  void heldBackWritesAreReadBackInTheirTransactionAndKeepEveryCharacter() {
    String line = "l'eau \\ \"coupée\" ? -- ; 🚰 /* */ 100%_ X'41'";
    String text = line + "\n\ttab";
    Instant at = T0.plusSeconds(60);
    counted.inTransaction(
        (StoreTransaction tx) -> {
          WorkOrder current = tx.workOrders().find(KEY).orElseThrow();
          Change change =
              current.handle(new WorkOrderCommand.AddNote(text, NoteAuthor.PROVIDER), at);
          tx.workOrders().update(change.after(), current.version());
          tx.timeline().append(KEY, change.event());
          OutboundMail mail =
              new OutboundMail(
                  "odd",
                  "odd@dispatch.example",
                  notice("x").kind(),
                  "dispatch@client.example",
                  null,
                  List.of("provider@acme.example"),
                  line,
                  text,
                  null,
                  null,
                  null,
                  java.util.Map.of("X-Odd", line));
          tx.outbox().enqueue(mail, at);
          // Read in the same transaction: the held-back writes go first.
          assertThat(tx.workOrders().find(KEY)).contains(change.after());
          assertThat(tx.timeline().events(KEY)).containsExactly(change.event());
          assertThat(tx.outbox().find("odd").orElseThrow().mail()).isEqualTo(mail);
          return null;
        });
    assertThat(read().notes()).extracting(n -> n.text()).contains(text);
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.outbox().find("odd")))
        .hasValueSatisfying(e -> assertThat(e.mail().subject()).isEqualTo(line));
  }

  @Test
  void twoUpdatesOfOneOrderHeldBackTogetherApplyInOrder() {
    counted.inTransaction(
        (StoreTransaction tx) -> {
          WorkOrder current = tx.workOrders().find(KEY).orElseThrow();
          Change first =
              current.handle(
                  new WorkOrderCommand.AddNote("one", NoteAuthor.PROVIDER), T0.plusSeconds(1));
          Change second =
              first
                  .after()
                  .handle(
                      new WorkOrderCommand.AddNote("two", NoteAuthor.PROVIDER), T0.plusSeconds(2));
          tx.workOrders().update(first.after(), current.version());
          tx.timeline().append(KEY, first.event());
          tx.workOrders().update(second.after(), first.after().version());
          tx.timeline().append(KEY, second.event());
          return null;
        });
    WorkOrder after = read();
    assertThat(after.notes()).extracting(n -> n.text()).endsWith("one", "two");
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.timeline().events(KEY)))
        .extracting(e -> e.version())
        .containsExactly(after.version() - 1, after.version());
  }

  @Test
  void aStaleUpdateAfterAFreshOneNamesItsOwnOrderAndWritesNeither() {
    WorkOrder other = Orders.dispatched("client-1", "100300");
    store.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(other);
          return null;
        });
    WorkOrder stale = read();
    assertThat(apply(store, "<moved@x>", "moved on")).isTrue();

    assertThatThrownBy(
            () ->
                counted.inTransaction(
                    (StoreTransaction tx) -> {
                      WorkOrder fresh = tx.workOrders().find(other.key()).orElseThrow();
                      Change first =
                          fresh.handle(
                              new WorkOrderCommand.AddNote("fresh", NoteAuthor.PROVIDER),
                              T0.plusSeconds(90));
                      tx.workOrders().update(first.after(), fresh.version());
                      tx.timeline().append(other.key(), first.event());
                      Change second =
                          stale.handle(
                              new WorkOrderCommand.AddNote("stale", NoteAuthor.PROVIDER),
                              T0.plusSeconds(90));
                      tx.workOrders().update(second.after(), stale.version());
                      tx.timeline().append(KEY, second.event());
                      return null;
                    }))
        .isInstanceOfSatisfying(
            ConcurrentUpdateException.class,
            e -> {
              assertThat(e.key()).isEqualTo(KEY);
              assertThat(e.expectedVersion()).isEqualTo(stale.version());
            });

    assertThat(store.inTransaction((StoreTransaction tx) -> tx.workOrders().find(other.key())))
        .contains(other);
    assertThat(read().version()).isEqualTo(stale.version() + 1);
  }
}
