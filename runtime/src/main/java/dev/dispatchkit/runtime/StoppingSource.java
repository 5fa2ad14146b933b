package dev.dispatchkit.runtime;

import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import java.time.Duration;
import java.util.AbstractList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.BooleanSupplier;

/**
 * The host's source, with a batch that ends early once the runner stops: the engine handles the
 * message in hand to its acknowledgement, and leaves the rest of the batch waiting in the source,
 * where the next poll (of this or another instance) finds it.
 */
final class StoppingSource implements MailSource {
  private final MailSource source;
  private final BooleanSupplier stopping;

  StoppingSource(MailSource source, BooleanSupplier stopping) {
    this.source = source;
    this.stopping = stopping;
  }

  @Override
  public List<ReceivedMail> poll(int max) {
    if (stopping.getAsBoolean()) {
      return List.of();
    }
    List<ReceivedMail> batch = source.poll(max);
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
        Iterator<ReceivedMail> all = batch.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return all.hasNext() && !stopping.getAsBoolean();
          }

          @Override
          public ReceivedMail next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return all.next();
          }
        };
      }
    };
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
  public boolean awaitNewMail(Duration timeout) {
    return source.awaitNewMail(timeout);
  }

  @Override
  public void close() {
    source.close();
  }
}
