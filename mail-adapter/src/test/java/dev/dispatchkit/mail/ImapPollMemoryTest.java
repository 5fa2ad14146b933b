package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.testkit.ChildJvm;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.InMemoryWorkOrderStore;
import dev.dispatchkit.testkit.RecordingMailSender;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.testkit.WholeListMailSource;
import jakarta.mail.Flags;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pollOnce} with a maximum as large as the folder, in a child JVM with a small heap: the
 * source hands each message to the engine as it reads it, so the heap holds one message and one
 * window of UIDs at a time, however large the poll. The same poll through a source that returns its
 * whole list (the way {@code poll(max)} worked before) runs out of that heap: the proof that the
 * test can fail.
 *
 * <p>The build runs {@value #MESSAGES} replies of {@value #BODY_KB} KiB under {@value #HEAP}: over
 * twice the heap in all. GreenMail's {@code FETCH} costs time in the square of the folder's size,
 * so a folder of 100,000 cannot be polled on it in any time (see docs/benchmarks.md); {@code
 * -Dimap.messages=... -Dimap.bodyKb=... -Dimap.heap=...} runs other sizes. With {@code
 * -Dimap.host=...} (see {@link ImapAccount}) it polls that server's INBOX instead, which must hold
 * {@code imap.messages} waiting replies: benchmarks/imap-poll-100k-dovecot.sh fills a Dovecot
 * folder of 100,000 and runs it so. {@code -Dimap.timeoutMinutes} gives each child longer than 30.
 */
class ImapPollMemoryTest {
  private static final int MESSAGES = 150;
  private static final int BODY_KB = 1024;
  private static final String HEAP = "64m";

  @RegisterExtension static final GreenMailExtension greenMail = ImapMailbox.server();

  @RegisterExtension final ImapMailbox mailbox = new ImapMailbox(greenMail);

  @Test
  void aPollAsLargeAsTheFolderHoldsOneMessageAtATime() throws Exception {
    int messages = Integer.getInteger("imap.messages", MESSAGES);
    int bodyKb = Integer.getInteger("imap.bodyKb", BODY_KB);
    String heap = System.getProperty("imap.heap", HEAP);
    Duration timeout = Duration.ofMinutes(Long.getLong("imap.timeoutMinutes", 30));
    Optional<ImapAccount> external = ImapAccount.fromSystemProperties();
    ImapAccount account =
        external.orElseGet(
            () ->
                new ImapAccount(
                    "127.0.0.1", mailbox.imapPort(), ImapMailbox.LOGIN, ImapMailbox.PASSWORD));
    if (external.isEmpty()) {
      mailbox.append(ImapMailbox.message("RE: Intervention", body(bodyKb)), messages, new Flags());
    }
    assertThat(account.count("INBOX")).isEqualTo(messages);

    ChildJvm.Result streamed = poll(account, heap, timeout, "streamed", messages);

    assertThat(streamed.outOfMemory()).as(streamed.output()).isFalse();
    assertThat(streamed.exitCode()).as(streamed.output()).isZero();
    assertThat(streamed.output()).contains("handled " + messages + " of " + messages);
    assertThat(account.count("INBOX")).isZero();
    assertThat(account.count("Processed")).isEqualTo(messages);

    // The whole list at once, as before: the same poll no longer fits.
    if (external.isEmpty()) {
      mailbox.append(ImapMailbox.message("RE: Intervention", body(bodyKb)), messages, new Flags());
    } else {
      account.moveAll("Processed", "INBOX");
    }
    assertThat(account.count("INBOX")).isEqualTo(messages);
    ChildJvm.Result listed = poll(account, heap, timeout, "listed", messages);

    assertThat(listed.outOfMemory()).as(listed.output()).isTrue();
  }

  private static ChildJvm.Result poll(
      ImapAccount account, String heap, Duration timeout, String mode, int messages)
      throws Exception {
    ChildJvm.Result run =
        ChildJvm.run(
            heap,
            List.of(),
            timeout,
            Child.class,
            account.host(),
            Integer.toString(account.port()),
            account.user(),
            account.password(),
            mode,
            Integer.toString(messages));
    System.out.printf(
        Locale.ROOT,
        "pollOnce over %,d messages under -Xmx%s, %s: exit %d in %d s%n%s%n",
        messages,
        heap,
        mode,
        run.exitCode(),
        run.elapsed().toSeconds(),
        run.output().strip());
    return run;
  }

  /** A reply of about {@code kib} KiB of text: short lines, as a long quoted thread has. */
  static String body(int kib) {
    StringBuilder body = new StringBuilder("OK, on passe demain.\n");
    String line = "> Le technicien passera entre 8 h et 12 h, merci de confirmer.\n";
    while (body.length() < kib * 1024) {
      body.append(line);
    }
    return body.toString();
  }

  /**
   * The child: one {@code pollOnce} with a maximum of the folder's size, through the facade on an
   * in-memory store (no reply matches a work order, so each goes to review and is acknowledged).
   * Prints what it handled and the highest heap use a sampler saw.
   */
  static final class Child {
    public static void main(String[] args) throws Exception {
      String host = args[0];
      int port = Integer.parseInt(args[1]);
      String user = args[2];
      String password = args[3];
      boolean listed = args[4].equals("listed");
      int messages = Integer.parseInt(args[5]);
      ChildJvm.PeakHeap heap = ChildJvm.PeakHeap.start();
      DispatchKit kit =
          Fixtures.kit(
                  new InMemoryWorkOrderStore(),
                  new RecordingMailSender(),
                  SettableClock.at(Fixtures.T0))
              .build();
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
        MailSource source = listed ? new WholeListMailSource(imap) : imap;
        result = kit.pollOnce(source, messages);
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.printf(
          Locale.ROOT,
          "handled %d of %d in %d ms (%.0f messages/s); peak heap %d MB of %d MB%n",
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
  }
}
