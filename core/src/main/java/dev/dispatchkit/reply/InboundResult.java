package dev.dispatchkit.reply;

import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link DispatchKit#handle} did with one inbound message.
 *
 * @param outcome what happened
 * @param decision the classifier's decision; null for a duplicate
 * @param key the work order concerned, when one was found
 */
public record InboundResult(
    Outcome outcome, @Nullable ReplyDecision decision, @Nullable WorkOrderKey key) {

  /** What happened to a message. */
  public enum Outcome {
    /** The decision changed the work order. */
    APPLIED,
    /** The same message was handled before; nothing changed. */
    DUPLICATE,
    /** Recorded and kept for a person to read; nothing changed. */
    REVIEW,
    /** Too late or no longer assigned: nothing changed, the provider is told so. */
    NOT_APPLIED,
    /** Machine mail (auto-reply or bounce): recorded, never answered. */
    MACHINE_MAIL
  }

  /** Checks the outcome is present. */
  public InboundResult {
    Objects.requireNonNull(outcome, "outcome");
  }
}
