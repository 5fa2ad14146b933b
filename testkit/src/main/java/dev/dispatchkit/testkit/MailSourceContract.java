package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The light contract of a {@link MailSource}: a message stays waiting until acknowledged, a failed
 * message stays waiting, and acknowledged messages are not polled again. An adapter puts messages
 * in with {@link #deliver(InboundMessage)}.
 */
public abstract class MailSourceContract {

  /** The source under test; a new one for every test. */
  protected MailSource source;

  /**
   * A new, empty source.
   *
   * @return the source under test
   */
  protected abstract MailSource createSource();

  /**
   * Makes a message wait in the source, as if it had been received.
   *
   * @param message the message
   */
  protected abstract void deliver(InboundMessage message);

  /** Creates the source. */
  @BeforeEach
  void setUpSource() {
    source = createSource();
  }

  /** Closes the source. */
  @AfterEach
  void closeSource() {
    source.close();
  }

  /** Polling does not consume: a message is polled again until acknowledged. */
  @Test
  protected void messageStaysUntilAcknowledged() {
    deliver(message("m1@provider.example", "OK"));
    List<ReceivedMail> first = source.poll(10);
    assertThat(first).hasSize(1);
    assertThat(first.get(0).message().messageId()).isEqualTo("m1@provider.example");
    assertThat(source.poll(10)).hasSize(1);
    source.acknowledge(first.get(0));
    assertThat(source.poll(10)).isEmpty();
  }

  /** A failed message is still waiting. */
  @Test
  protected void failedMessageStaysWaiting() {
    deliver(message("m2@provider.example", "Non"));
    ReceivedMail mail = source.poll(10).get(0);
    source.failed(mail, new IllegalStateException("test"));
    assertThat(source.poll(10))
        .extracting(m -> m.message().messageId())
        .containsExactly("m2@provider.example");
  }

  /** Poll returns at most {@code max} messages. */
  @Test
  protected void pollReturnsAtMostMax() {
    deliver(message("a@provider.example", "OK"));
    deliver(message("b@provider.example", "OK"));
    deliver(message("c@provider.example", "OK"));
    assertThat(source.poll(2)).hasSize(2);
  }

  /** A plain reply for tests. */
  protected static InboundMessage message(String messageId, String text) {
    return InboundMessage.builder()
        .messageId(messageId)
        .from("dispatch@acme-plumbing.example")
        .to("dispatch@host.example")
        .subject("RE: Service request #100200")
        .textBody(text)
        .build();
  }
}
