package dev.dispatchkit.benchmarks;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.mail.JakartaMail;
import dev.dispatchkit.mail.MailSecurity;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.testkit.ChildJvm;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.RecordingMailSender;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.testkit.WholeListMailSource;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.h2.jdbcx.JdbcDataSource;

/**
 * One {@code pollOnce} with a maximum as large as an IMAP folder, in this JVM, on a JDBC store: run
 * it with a small {@code -Xmx} and {@code -XX:+ExitOnOutOfMemoryError} (issue 12, item 4). The
 * store is H2 on its off-heap file system, as a host's database would be out of its heap: the
 * replies it records (every one goes to review, with its text) do not count against the heap under
 * test, which an in-memory store's would (about 2 KB a reply).
 *
 * <pre>
 * java -Xmx256m -XX:+ExitOnOutOfMemoryError -XX:MaxDirectMemorySize=2g -cp benchmarks.jar \
 *     dev.dispatchkit.benchmarks.ImapPollMemoryHarness HOST PORT USER PASSWORD MODE MESSAGES
 * </pre>
 *
 * <p>MODE {@code streamed} polls through the source as it is (each message handed over as read);
 * {@code listed} through a source that only has {@code poll(max)}, the whole list at once, which
 * must run out of a heap the streamed poll fits in; {@code restore} moves every message of
 * Processed back to the INBOX, for the next run. Exits 2 when a poll handled fewer than MESSAGES.
 * {@code benchmarks/imap-poll-100k-dovecot.sh} runs the three on a private Dovecot.
 */
public final class ImapPollMemoryHarness {
  private ImapPollMemoryHarness() {}

  /** Runs one mode; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length != 6) {
      System.err.println(
          "usage: ImapPollMemoryHarness HOST PORT USER PASSWORD streamed|listed|restore MESSAGES");
      System.exit(64);
    }
    String host = args[0];
    int port = Integer.parseInt(args[1]);
    String user = args[2];
    String password = args[3];
    String mode = args[4];
    int messages = Integer.parseInt(args[5]);
    if (mode.equals("restore")) {
      restore(host, port, user, password);
      return;
    }
    ChildJvm.PeakHeap heap = ChildJvm.PeakHeap.start();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:nioMemFS:imap-poll;DB_CLOSE_DELAY=-1;CACHE_SIZE=4096");
    SettableClock clock = SettableClock.at(Fixtures.T0);
    DispatchKit kit =
        Fixtures.kit(JdbcStore.builder(h2).build(), new RecordingMailSender(), clock).build();
    long start = System.nanoTime();
    PollResult result;
    try (ImapMailSource imap =
        JakartaMail.imap()
            .host(host)
            .port(port)
            .security(MailSecurity.NONE)
            .credentials(user, password)
            .readTimeout(Duration.ofMinutes(5))
            .build()) {
      MailSource source = mode.equals("listed") ? new WholeListMailSource(imap) : imap;
      result = kit.pollOnce(source, messages);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.printf(
        Locale.ROOT,
        "%s: handled %,d of %,d in %,d ms (%.0f messages/s); peak heap %d MB of %d MB%n",
        mode,
        result.handled(),
        result.items().size(),
        millis,
        result.handled() * 1000.0 / Math.max(1, millis),
        heap.peakMegabytes(),
        heap.maxMegabytes());
    if (result.handled() != messages) {
      System.exit(2);
    }
  }

  private static void restore(String host, int port, String user, String password)
      throws Exception {
    Store store = Session.getInstance(new Properties()).getStore("imap");
    store.connect(host, port, user, password);
    try {
      IMAPFolder processed = (IMAPFolder) store.getFolder("Processed");
      processed.open(Folder.READ_WRITE);
      Message[] all = processed.getMessages();
      processed.moveMessages(all, store.getFolder("INBOX"));
      processed.close(true);
      System.out.printf(Locale.ROOT, "restore: %,d moved back to the INBOX%n", all.length);
    } finally {
      store.close();
    }
  }
}
