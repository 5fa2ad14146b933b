package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import java.util.List;
import java.util.Objects;

/**
 * A source as they were before streaming polls: only {@link #poll(int)}, so the engine takes the
 * whole list of a poll before it handles any message (the interface's default {@code poll(max,
 * handler)}). Memory tests run the same poll through it and through the source itself, and expect
 * this one to run out of a heap the streamed one fits in: so they can fail.
 */
public final class WholeListMailSource implements MailSource {
  private final MailSource source;

  /** Wraps {@code source}, hiding its streaming poll. */
  public WholeListMailSource(MailSource source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  @Override
  public List<ReceivedMail> poll(int max) {
    return source.poll(max);
  }

  @Override
  public void acknowledge(ReceivedMail mail) {
    source.acknowledge(mail);
  }

  @Override
  public void failed(ReceivedMail mail, Throwable failure) {
    source.failed(mail, failure);
  }

  @Override
  public void close() {
    source.close();
  }
}
