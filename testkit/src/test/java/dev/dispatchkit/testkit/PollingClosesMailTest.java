package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code pollOnce} closes each mail once it has handled it, whatever became of it, and the mails it
 * never got to, so what a source holds for a mail (a big message's spill file) never outlives the
 * poll. Closing is idempotent: the log shows each mail's first close.
 */
class PollingClosesMailTest {

  private final List<String> log = new ArrayList<>();
  private final Set<String> closed = new HashSet<>();

  private final DispatchKit kit =
      Fixtures.kit(
              new InMemoryWorkOrderStore(),
              new RecordingMailSender(),
              SettableClock.at(Fixtures.T0))
          .build();

  /** A source of three mails that logs what is done with each. */
  private class Source implements MailSource {
    boolean failAcknowledge;
    boolean endEarly;

    @Override
    public List<ReceivedMail> poll(int max) {
      List<ReceivedMail> batch = new ArrayList<>();
      for (String id : List.of("a", "b", "c")) {
        InboundMessage message =
            InboundMessage.builder().messageId(id + "@provider.example").textBody("OK").build();
        batch.add(
            new ReceivedMail(
                id,
                message,
                () -> {
                  if (closed.add(id)) {
                    log.add("close " + id);
                  }
                }));
      }
      if (!endEarly) {
        return batch;
      }
      // As a stopping runner's batch: its iterator ends after the first mail.
      return new AbstractList<>() {
        @Override
        public ReceivedMail get(int index) {
          return batch.get(index);
        }

        @Override
        public int size() {
          return batch.size();
        }

        @Override
        public Iterator<ReceivedMail> iterator() {
          return batch.subList(0, 1).iterator();
        }
      };
    }

    @Override
    public void acknowledge(ReceivedMail mail) {
      if (failAcknowledge) {
        throw new MailTransportException("the server went away", false, null, null);
      }
      log.add("acknowledge " + mail.receipt());
    }

    @Override
    public void failed(ReceivedMail mail, Throwable failure) {
      log.add("failed " + mail.receipt());
    }

    @Override
    public void close() {}
  }

  @Test
  void eachMailIsClosedOnceHandled() {
    kit.pollOnce(new Source(), 10);

    assertThat(log)
        .containsExactly(
            "acknowledge a", "close a", "acknowledge b", "close b", "acknowledge c", "close c");
  }

  @Test
  void everyMailIsClosedWhenThePollFailsHalfway() {
    Source source = new Source();
    source.failAcknowledge = true;

    assertThatThrownBy(() -> kit.pollOnce(source, 10)).isInstanceOf(MailTransportException.class);

    assertThat(log).containsExactly("close a", "close b", "close c");
  }

  @Test
  void mailsABatchDidNotGetToAreClosedToo() {
    Source source = new Source();
    source.endEarly = true;

    kit.pollOnce(source, 10);

    assertThat(log).containsExactly("acknowledge a", "close a", "close b", "close c");
  }
}
