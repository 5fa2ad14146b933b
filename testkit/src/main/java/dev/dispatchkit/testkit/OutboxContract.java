package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.OutboxState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the {@link dev.dispatchkit.spi.Outbox} port: due times, leases, failures,
 * blocking, release, and concurrent claimers that never share an entry. An adapter's test extends
 * this class and returns a new, empty store from {@link #createStore()}; every test here must pass
 * unchanged. {@link WorkOrderStoreContract} runs this contract together with those of the other
 * ports.
 */
public abstract class OutboxContract extends StoreContract {

  /** Enqueued mail is pending with no attempts, and only claimed once due. */
  @Test
  protected void enqueuedMailIsClaimedWhenDue() {
    store.inTransaction(
        tx -> {
          tx.outbox().enqueue(mail("a"), T0);
          tx.outbox().enqueue(mail("b"), T0.plusSeconds(60));
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
          tx.outbox().enqueue(mail("a"), T0);
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
          tx.outbox().enqueue(mail("late"), T0.plusSeconds(30));
          tx.outbox().enqueue(mail("early"), T0.plusSeconds(10));
          tx.outbox().enqueue(mail("middle"), T0.plusSeconds(20));
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
          tx.outbox().enqueue(mail("a"), T0);
          return null;
        });
    claim(T0, 10);
    store.inTransaction(
        tx -> {
          tx.outbox().markSent("a", T0.plusSeconds(1));
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
          tx.outbox().enqueue(mail("a"), T0);
          return null;
        });
    claim(T0, 10);
    store.inTransaction(
        tx -> {
          tx.outbox().markFailed("a", "421 try later; 'quoted'", T0.plusSeconds(300));
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
          tx.outbox().enqueue(mail("a"), T0);
          tx.outbox().enqueue(mail("b"), T0);
          return null;
        });
    claim(T0, 10);
    store.inTransaction(
        tx -> {
          tx.outbox().markFailed("a", "550 no such user", null);
          tx.outbox().markFailed("b", "451 later", T0.plusSeconds(5));
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

  /** An outbox id is unique. */
  @Test
  protected void outboxIdIsUnique() {
    store.inTransaction(
        tx -> {
          tx.outbox().enqueue(mail("a"), T0);
          return null;
        });
    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.outbox().enqueue(mail("a"), T0);
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
            tx.outbox().enqueue(mail("c-" + i), T0.plusMillis(i));
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

  /**
   * The outbox state counts pending mail (retried or not yet due included) with its earliest due
   * time, and blocked mail; sent mail is not counted.
   */
  @Test
  protected void outboxStateCountsPendingAndBlockedMail() {
    assertThat(store.<OutboxState>inTransaction(tx -> tx.outbox().state()))
        .isEqualTo(new OutboxState(0, null, 0));
    store.inTransaction(
        tx -> {
          tx.outbox().enqueue(mail("sent"), T0.minusSeconds(100));
          tx.outbox().enqueue(mail("blocked"), T0.minusSeconds(50));
          tx.outbox().enqueue(mail("due"), T0.plusSeconds(10));
          tx.outbox().enqueue(mail("retried"), T0);
          tx.outbox().enqueue(mail("later"), T0.plusSeconds(3600));
          return null;
        });
    store.inTransaction(
        tx -> {
          tx.outbox().markSent("sent", T0);
          tx.outbox().markFailed("blocked", "550 no such user", null);
          tx.outbox().markFailed("retried", "451 later", T0.plusSeconds(20));
          return null;
        });
    assertThat(store.<OutboxState>inTransaction(tx -> tx.outbox().state()))
        .isEqualTo(new OutboxState(3, T0.plusSeconds(10), 1));
  }
}
