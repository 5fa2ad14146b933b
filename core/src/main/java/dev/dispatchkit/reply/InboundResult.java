package dev.dispatchkit.reply;

import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What {@link DispatchKit#handle} did with one inbound message.
 *
 * @param outcome what happened
 * @param decision the classifier's decision; null for a duplicate
 * @param key the work order concerned, when one was found
 * @param appliedDate the expected date the provider proposed in its accepting reply, when it was
 *     applied; null otherwise, also when the decision proposed a date that was not applied (no
 *     contact to notify, beyond {@code DispatchPolicies.maxProposedDateShift()}, refused by the
 *     expected-date rule)
 */
public record InboundResult(
    Outcome outcome,
    @Nullable ReplyDecision decision,
    @Nullable WorkOrderKey key,
    @Nullable ExpectedDate appliedDate) {

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

  /** A result that applied no proposed date. */
  public InboundResult(
      Outcome outcome, @Nullable ReplyDecision decision, @Nullable WorkOrderKey key) {
    this(outcome, decision, key, null);
  }
}
