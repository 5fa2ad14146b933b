package dev.dispatchkit;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What one {@link DispatchKit#pollOnce} did: one item per message the source returned, in order.
 *
 * @param items the messages polled, each handled or failed
 */
public record PollResult(List<Item> items) {

  /** A poll that returned no message. */
  public static final PollResult EMPTY = new PollResult(List.of());

  /** Copies the items. */
  public PollResult {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
  }

  /**
   * One polled message: handled (with its result) or failed (left in the source for the next poll).
   *
   * @param messageId the message's Message-ID, when it had one
   * @param result what handling did; null when it failed
   * @param failure a one-line reason; null when it was handled
   */
  public record Item(
      @Nullable String messageId, @Nullable InboundResult result, @Nullable String failure) {

    /** Checks that exactly one of result and failure is present. */
    public Item {
      if ((result == null) == (failure == null)) {
        throw new ValidationException("PollResult.Item", "exactly one of result and failure");
      }
    }

    /** A handled message. */
    public static Item handled(@Nullable String messageId, InboundResult result) {
      return new Item(messageId, Objects.requireNonNull(result, "result"), null);
    }

    /** A message whose handling threw; the reason is cut to one line. */
    public static Item failed(@Nullable String messageId, Throwable failure) {
      String text = failure.toString().strip();
      int eol = text.indexOf('\n');
      return new Item(messageId, null, eol < 0 ? text : text.substring(0, eol).strip());
    }
  }

  /** How many messages were handled (committed and acknowledged). */
  public int handled() {
    return (int) items.stream().filter(i -> i.result() != null).count();
  }

  /** How many messages failed and were left for the next poll. */
  public int failed() {
    return items.size() - handled();
  }

  /** How many messages changed a work order ({@link InboundResult.Outcome#APPLIED}). */
  public int applied() {
    return (int)
        items.stream()
            .filter(
                i -> i.result() != null && i.result().outcome() == InboundResult.Outcome.APPLIED)
            .count();
  }

  /** True when the source returned no message. */
  public boolean isEmpty() {
    return items.isEmpty();
  }
}
