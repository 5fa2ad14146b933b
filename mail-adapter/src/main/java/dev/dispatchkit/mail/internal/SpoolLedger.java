package dev.dispatchkit.mail.internal;

import dev.dispatchkit.spi.ReceivedMail;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The spools of the messages an IMAP source delivered and nobody closed yet. A delivered mail's
 * {@link ReceivedMail#close()} closes its spool; a poll that fails, or that fetched a message it
 * then did not deliver (a scan run again after a reconnect), closes the spools it kept; closing the
 * source closes what is left. So a spill file outlives neither its mail nor its source.
 */
public final class SpoolLedger {
  private final Set<Release> open = ConcurrentHashMap.newKeySet();
  // Set during a poll, which runs under the source's lock.
  private @Nullable List<Release> batch;

  /** An empty ledger. */
  public SpoolLedger() {}

  /** Closes a spool once, and forgets it. */
  private final class Release implements Runnable {
    private final Spool spool;

    Release(Spool spool) {
      this.spool = spool;
    }

    @Override
    public void run() {
      open.remove(this);
      spool.close();
    }
  }

  /** Keeps the spool of a mail to deliver; returns the mail's {@code onClose}. */
  public Runnable keep(Spool spool) {
    Release release = new Release(spool);
    open.add(release);
    if (batch != null) {
      batch.add(release);
    }
    return release;
  }

  /**
   * Runs one poll: the spools it kept for mails it does not return are closed, and all of them when
   * it fails.
   */
  public List<ReceivedMail> poll(Supplier<List<ReceivedMail>> poll) {
    List<Release> kept = new ArrayList<>();
    batch = kept;
    try {
      List<ReceivedMail> mails = poll.get();
      Set<Runnable> delivered = Collections.newSetFromMap(new IdentityHashMap<>());
      for (ReceivedMail mail : mails) {
        delivered.add(mail.onClose());
      }
      for (Release release : kept) {
        if (!delivered.contains(release)) {
          release.run();
        }
      }
      return mails;
    } catch (RuntimeException | Error e) {
      kept.forEach(Release::run);
      throw e;
    } finally {
      batch = null;
    }
  }

  /** How many spools are open; for tests. */
  public int open() {
    return open.size();
  }

  /** Closes every spool still open. */
  public void closeAll() {
    for (Release release : List.copyOf(open)) {
      release.run();
    }
  }
}
