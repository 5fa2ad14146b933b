package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.DuplicateMessageException;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.WorkOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the {@link dev.dispatchkit.spi.Inbox} port: the dedup key is unique (a duplicate
 * passed to {@link dev.dispatchkit.spi.Inbox#recordLast} fails its whole unit of work), the review
 * queue (all of it, or one subscriber's) is oldest first, keeps subject and text, and a record
 * leaves it through {@link dev.dispatchkit.spi.Inbox#markReviewed}, a compare-and-set that succeeds
 * once. An adapter's test extends this class and returns a new, empty store from {@link
 * #createStore()}; every test here must pass unchanged. {@link WorkOrderStoreContract} runs this
 * contract together with those of the other ports.
 */
public abstract class InboxContract extends StoreContract {

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

  /** {@code recordLast} records a new message; the same transaction and later ones see it. */
  @Test
  protected void recordLastRecordsANewMessage() {
    InboxRecord record = inbox("last-1", null, false);
    store.inTransaction(
        tx -> {
          tx.inbox().recordLast(record);
          assertThat(tx.inbox().find("last-1")).contains(record);
          return null;
        });
    assertThat(readInbound("last-1")).contains(record);
  }

  /**
   * {@code recordLast} of a message recorded before fails the whole unit of work with {@link
   * DuplicateMessageException}, at the latest from {@code inTransaction}: nothing of it is kept.
   */
  @Test
  protected void recordLastOfADuplicateFailsTheWholeUnit() {
    assertThat(readRecordInbound(inbox("last-1", null, false))).isTrue();
    InboxRecord again =
        new InboxRecord(
            "last-1",
            "other",
            "x@y.example",
            T0.plusSeconds(5),
            Intent.ACCEPT,
            "r",
            null,
            "o",
            true);
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      assertThat(tx.inbox().record(inbox("with-it", null, false))).isTrue();
                      tx.inbox().recordLast(again);
                      return null;
                    }))
        .isInstanceOfSatisfying(
            DuplicateMessageException.class, e -> assertThat(e.dedupKey()).isEqualTo("last-1"));
    assertThat(readInbound("last-1")).contains(inbox("last-1", null, false));
    assertThat(readInbound("with-it")).as("the unit's other write").isEmpty();
  }

  /** Records needing review are listed oldest first, at most the number asked for. */
  @Test
  protected void needingReviewListsOldestFirst() {
    WorkOrder order = Fixtures.workOrder().build();
    store.inTransaction(
        tx -> {
          tx.workOrders().insert(order);
          tx.inbox().record(inboxAt("r-3", true, T0.plusSeconds(30)));
          tx.inbox().record(inboxAt("r-1", true, T0.plusSeconds(10)));
          tx.inbox().record(inboxAt("ok", false, T0));
          tx.inbox().record(inboxAt("r-2", true, T0.plusSeconds(20)));
          return null;
        });
    assertThat(readNeedingReview(10))
        .extracting(InboxRecord::dedupKey)
        .containsExactly("r-1", "r-2", "r-3");
    assertThat(readNeedingReview(2))
        .extracting(InboxRecord::dedupKey)
        .containsExactly("r-1", "r-2");
  }

  /** Subject and text come back as recorded, hostile texts and a full 16 KiB of emoji included. */
  @Test
  protected void inboxKeepsSubjectAndText() {
    String emoji = "🔧".repeat(InboxRecord.MAX_TEXT / 2);
    List<InboxRecord> records = new ArrayList<>();
    for (int i = 0; i < HOSTILE.size(); i++) {
      records.add(withText(reviewAt("h-" + i, null, T0), HOSTILE.get(i), HOSTILE.get(i)));
    }
    records.add(withText(reviewAt("full", null, T0), "Objet ✓", emoji));
    records.add(withText(reviewAt("cjk", null, T0), "日本", "日".repeat(InboxRecord.MAX_TEXT)));
    records.add(withText(reviewAt("bare", null, T0).reviewed("IGNORE", T0), null, null));
    for (InboxRecord r : records) {
      assertThat(readRecordInbound(r)).isTrue();
      assertThat(readInbound(r.dedupKey())).contains(r);
    }
    assertThat(readInbound("full").orElseThrow().text()).hasSize(InboxRecord.MAX_TEXT);
  }

  /** The record cuts a longer text at the limit, never inside a surrogate pair. */
  @Test
  protected void inboxTextIsCutAtTheLimit() {
    String longer = "a" + "🚿".repeat(InboxRecord.MAX_TEXT);
    InboxRecord r = withText(reviewAt("long", null, T0), "s".repeat(5000), longer);
    assertThat(r.text()).hasSize(InboxRecord.MAX_TEXT - 1).isEqualTo(longer.substring(0, 16383));
    assertThat(r.subject()).hasSize(InboxRecord.MAX_SUBJECT);
    assertThat(readRecordInbound(r)).isTrue();
    assertThat(readInbound("long")).contains(r);
  }

  /**
   * Marking a record reviewed succeeds once: it keeps the outcome and time, leaves both queues, and
   * a second mark, a mark of an unknown key or of a record that never needed review is refused.
   */
  @Test
  protected void markReviewedIsACompareAndSet() {
    WorkOrder order = Fixtures.workOrder().build();
    Instant at = T0.plusSeconds(90);
    store.inTransaction(
        tx -> {
          tx.workOrders().insert(order);
          tx.inbox().record(reviewAt("r-1", order.key(), T0));
          tx.inbox().record(reviewAt("r-2", order.key(), T0.plusSeconds(1)));
          tx.inbox().record(inbox("applied", order.key(), false));
          return null;
        });

    assertThat(readMarkReviewed("r-1", "ACCEPT", at)).isTrue();
    assertThat(readMarkReviewed("r-1", "DECLINE", at.plusSeconds(1))).isFalse();
    assertThat(readMarkReviewed("unknown", "IGNORE", at)).isFalse();
    assertThat(readMarkReviewed("applied", "IGNORE", at)).isFalse();

    InboxRecord marked = readInbound("r-1").orElseThrow();
    assertThat(marked).isEqualTo(reviewAt("r-1", order.key(), T0).reviewed("ACCEPT", at));
    assertThat(marked.needsReview()).isFalse();
    assertThat(marked.subject()).isEqualTo("RE: Service request #r-1");
    assertThat(readInbound("applied")).contains(inbox("applied", order.key(), false));
    assertThat(readNeedingReview(10)).extracting(InboxRecord::dedupKey).containsExactly("r-2");
    assertThat(readNeedingReview(order.subscriber(), 10))
        .extracting(InboxRecord::dedupKey)
        .containsExactly("r-2");
  }

  /** A mark inside a transaction that rolls back leaves the record waiting. */
  @Test
  protected void markReviewedRollsBackWithItsTransaction() {
    assertThat(readRecordInbound(reviewAt("r-1", null, T0))).isTrue();
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      assertThat(tx.inbox().markReviewed("r-1", "IGNORE", T0)).isTrue();
                      assertThat(tx.inbox().find("r-1").orElseThrow().needsReview()).isFalse();
                      throw new IllegalStateException("roll back");
                    }))
        .hasMessage("roll back");
    assertThat(readInbound("r-1")).contains(reviewAt("r-1", null, T0));
    assertThat(readMarkReviewed("r-1", "IGNORE", T0)).isTrue();
  }

  /**
   * A subscriber's queue lists only records about its work orders, oldest first, at most the number
   * asked for; records about no work order are in the full queue only.
   */
  @Test
  protected void needingReviewOfOneSubscriber() {
    WorkOrder a1 = Fixtures.workOrder().trackingNumber("100201").subscriber("client-a").build();
    WorkOrder a2 = Fixtures.workOrder().trackingNumber("100202").subscriber("client-a").build();
    WorkOrder b1 = Fixtures.workOrder().trackingNumber("100201").subscriber("client-b").build();
    store.inTransaction(
        tx -> {
          List.of(a1, a2, b1).forEach(tx.workOrders()::insert);
          tx.inbox().record(reviewAt("a-late", a2.key(), T0.plusSeconds(30)));
          tx.inbox().record(reviewAt("b", b1.key(), T0.plusSeconds(5)));
          tx.inbox().record(reviewAt("none", null, T0));
          tx.inbox().record(reviewAt("a-early", a1.key(), T0.plusSeconds(10)));
          tx.inbox().record(reviewAt("a-same", a1.key(), T0.plusSeconds(10)));
          tx.inbox().record(inbox("a-applied", a1.key(), false));
          return null;
        });

    SubscriberId clientA = a1.subscriber();
    assertThat(readNeedingReview(clientA, 10))
        .extracting(InboxRecord::dedupKey)
        .containsExactly("a-early", "a-same", "a-late");
    assertThat(readNeedingReview(clientA, 2))
        .extracting(InboxRecord::dedupKey)
        .containsExactly("a-early", "a-same");
    assertThat(readNeedingReview(clientA, 0)).isEmpty();
    assertThat(readNeedingReview(b1.subscriber(), 10))
        .extracting(InboxRecord::dedupKey)
        .containsExactly("b");
    assertThat(readNeedingReview(SubscriberId.of("client-c"), 10)).isEmpty();
    assertThat(readNeedingReview(10))
        .extracting(InboxRecord::dedupKey)
        .containsExactly("none", "b", "a-early", "a-same", "a-late");
  }

  /** Of threads marking the same record at once, each in its own transaction, exactly one wins. */
  @Test
  protected void concurrentMarksOfOneRecordSucceedOnce() throws Exception {
    assertThat(readRecordInbound(reviewAt("r-1", null, T0))).isTrue();
    int threads = 4;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Boolean>> marks = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        String outcome = "T" + i;
        marks.add(
            pool.submit(
                () -> {
                  start.await();
                  return readMarkReviewed("r-1", outcome, T0.plusSeconds(60));
                }));
      }
      start.countDown();
      List<Boolean> won = new ArrayList<>();
      for (Future<Boolean> mark : marks) {
        won.add(mark.get(60, TimeUnit.SECONDS));
      }
      assertThat(won).containsOnlyOnce(true);
      String winner = "T" + won.indexOf(true);
      assertThat(readInbound("r-1").orElseThrow().reviewOutcome()).isEqualTo(winner);
    } finally {
      pool.shutdownNow();
    }
  }

  private static InboxRecord withText(
      InboxRecord r, @Nullable String subject, @Nullable String text) {
    return new InboxRecord(
        r.dedupKey(),
        r.messageId(),
        r.from(),
        r.receivedAt(),
        r.intent(),
        r.reason(),
        r.key(),
        r.outcome(),
        r.needsReview(),
        subject,
        text,
        r.reviewedAt(),
        r.reviewOutcome());
  }
}
