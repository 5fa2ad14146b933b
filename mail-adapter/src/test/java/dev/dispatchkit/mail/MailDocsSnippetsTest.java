package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.ReceivedMail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The snippets of docs/mail.md, compiled and run; keep both in step. */
class MailDocsSnippetsTest {

  private final String secret = "s3cret";
  private final List<String> alerts = new ArrayList<>();

  @Test
  void smtpSnippetBuilds() {
    // docs/mail.md: smtp
    MailSender sender =
        JakartaMail.smtp()
            .host("smtp.example.com")
            .security(MailSecurity.STARTTLS) // the default; port 587
            .credentials("dispatch@example.com", secret)
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofSeconds(30))
            .build();
    // end
    assertThat(sender).isInstanceOf(SmtpMailSender.class);
  }

  @Test
  void imapSnippetBuilds() {
    // docs/mail.md: imap
    ImapMailSource source =
        JakartaMail.imap()
            .host("imap.example.com")
            .security(MailSecurity.IMPLICIT_TLS) // port 993
            .credentials("replies@example.com", secret)
            .processedFolder("Processed")
            .quarantineFolder("Quarantine")
            .maxFailures(3)
            .onQuarantine(q -> alerts.add(q.reason() + ": " + q.subject()))
            .build();
    // end
    source.close();
    assertThat(source.toString()).contains("imap.example.com:993");
  }

  /** Compiled, not run: the loop a host would write if it drove the source itself. */
  static void receiveLoop(ImapMailSource source, Consumer<ReceivedMail> apply) {
    // docs/mail.md: loop
    while (!Thread.currentThread().isInterrupted()) {
      try {
        for (ReceivedMail mail : source.poll(50)) {
          try {
            apply.accept(mail); // commits the transaction that applies it
            source.acknowledge(mail);
          } catch (RuntimeException e) {
            source.failed(mail, e);
          }
        }
        source.awaitNewMail(Duration.ofMinutes(5));
      } catch (MailTransportException e) {
        source.awaitNewMail(Duration.ofSeconds(30)); // waits out the reconnect backoff
      }
    }
    // end
  }

  @Test
  void verpSnippetRoundTrips() {
    // docs/mail.md: verp
    Verp verp = new Verp("bounces", "mail.example.com");
    String envelopeFrom = verp.address("7f3c2a"); // bounces+7f3c2a@mail.example.com
    Optional<String> outboxId = verp.parse("bounces+7f3c2a@mail.example.com"); // "7f3c2a"
    // end
    assertThat(envelopeFrom).isEqualTo("bounces+7f3c2a@mail.example.com");
    assertThat(outboxId).contains("7f3c2a");
  }
}
