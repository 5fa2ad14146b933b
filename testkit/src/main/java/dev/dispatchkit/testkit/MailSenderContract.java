package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;

import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.OutboundMail;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The light contract of a {@link MailSender}: it accepts mail of every kind, with accents and
 * emoji, and the same mail twice (the relay retries with the same Message-ID). An adapter checks
 * what reached the server with {@link #delivered(String)}.
 */
public abstract class MailSenderContract {

  /** The sender under test; a new one for every test. */
  protected MailSender sender;

  /**
   * A new sender, connected to something the test can read back.
   *
   * @return the sender under test
   */
  protected abstract MailSender createSender();

  /**
   * How many mails with this Message-ID (without angle brackets) reached the other side.
   *
   * @param messageId the Message-ID
   * @return the count
   */
  protected abstract int delivered(String messageId);

  /** Creates the sender. */
  @BeforeEach
  void setUpSender() {
    sender = createSender();
  }

  /** A mail of each kind is delivered. */
  @org.junit.jupiter.api.Test
  protected void mailOfEachKindIsDelivered() {
    for (MailKind kind : MailKind.values()) {
      OutboundMail mail = mail("k-" + kind.name().toLowerCase(java.util.Locale.ROOT), kind);
      sender.send(mail);
      org.assertj.core.api.Assertions.assertThat(delivered(mail.messageId()))
          .as("%s", kind)
          .isGreaterThanOrEqualTo(1);
    }
  }

  /** Sending the same mail again is accepted (at least once delivery). */
  @Test
  protected void sameMailTwiceIsAccepted() {
    OutboundMail mail = mail("twice", MailKind.NOTIFICATION);
    sender.send(mail);
    assertThatCode(() -> sender.send(mail)).doesNotThrowAnyException();
  }

  /** A mail for tests: French and emoji in subject and body, an HTML part. */
  protected static OutboundMail mail(String id, MailKind kind) {
    return new OutboundMail(
        id,
        id + "@dispatch.example",
        kind,
        "dispatch@host.example",
        "dispatch+tok@host.example",
        List.of("provider@provider.example"),
        "Demande d'intervention #100200 — fuite 🚿",
        "Bonjour,\nRépondez OK ou Non.\n",
        "<p>Bonjour,</p><p>Répondez <b>OK</b> ou <b>Non</b>.</p>",
        null,
        null,
        Map.of("X-DispatchKit-Tracking", "100200"));
  }
}
