package dev.dispatchkit.mail.internal;

import dev.dispatchkit.spi.ReceivedMail;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spools of the messages an IMAP source delivered and nobody closed yet. A delivered mail's
 * {@link ReceivedMail#close()} closes its spool; a message fetched and then not delivered (it
 * failed to parse) has its spool closed at once by the source; closing the source closes what is
 * left. So a spill file outlives neither its mail nor its source.
 */
public final class SpoolLedger {
  private final Set<Release> open = ConcurrentHashMap.newKeySet();

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
    return release;
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
