package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A closed {@link ImapMailSource} leaves no thread behind, so it cannot keep the JVM alive. */
class ImapMailSourceCloseTest {

  private static final String ADDRESS = "replies@host.example";

  @RegisterExtension
  static final GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private ImapMailSource source(boolean useIdle) {
    greenMail.setUser(ADDRESS, ADDRESS, "pw");
    return JakartaMail.imap()
        .host("127.0.0.1")
        .port(greenMail.getImap().getPort())
        .security(MailSecurity.NONE)
        .credentials(ADDRESS, "pw")
        .connectTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(5))
        .useIdle(useIdle)
        .build();
  }

  @Test
  void afterIdleAndPollCloseLeavesNoThreadOfTheSource() throws Exception {
    for (boolean useIdle : new boolean[] {true, false}) {
      Set<Thread> before = Thread.getAllStackTraces().keySet();
      ImapMailSource source = source(useIdle);
      assertThat(source.poll(10)).isEmpty();
      // With IDLE, waiting starts the source's alarm thread.
      assertThat(source.awaitNewMail(Duration.ofMillis(300))).isFalse();
      source.close();
      source.close();

      // Threads end shortly after they are told to; wait for that, boundedly.
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      Set<String> left = clientThreads(before);
      while (!left.isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
        left = clientThreads(before);
      }
      assertThat(left).as("threads left with useIdle=%s", useIdle).isEmpty();
    }
  }

  /** Threads started since {@code before}, except the server's own, which the extension stops. */
  private static Set<String> clientThreads(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !before.contains(t))
        .map(Thread::getName)
        .filter(name -> !name.startsWith("imap") && !name.startsWith("smtp"))
        .filter(name -> !name.startsWith("Attach Listener"))
        .collect(Collectors.toSet());
  }
}
