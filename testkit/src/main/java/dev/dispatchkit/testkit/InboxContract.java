package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.workorder.WorkOrder;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the {@link dev.dispatchkit.spi.Inbox} port: the dedup key is unique, and the
 * review queue is oldest first. An adapter's test extends this class and returns a new, empty store
 * from {@link #createStore()}; every test here must pass unchanged. {@link WorkOrderStoreContract}
 * runs this contract together with those of the other ports.
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
}
