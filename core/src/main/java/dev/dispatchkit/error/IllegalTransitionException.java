package dev.dispatchkit.error;

import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.TrackingNumber;
import java.util.Objects;

/**
 * A command is not allowed in the work order's current status (or is barred by its pending NTE
 * request). Nothing was changed. Ask {@code WorkOrder.allowedCommands()} first to avoid it.
 */
public final class IllegalTransitionException extends DispatchKitException {

  private final TrackingNumber trackingNumber;
  private final Status status;
  private final CommandKind command;
  private final String reason;

  /**
   * @param trackingNumber the work order
   * @param status its current status
   * @param command the refused command
   * @param reason why, in a few words
   */
  public IllegalTransitionException(
      TrackingNumber trackingNumber, Status status, CommandKind command, String reason) {
    super(
        "work order "
            + Objects.requireNonNull(trackingNumber, "trackingNumber")
            + " is "
            + Objects.requireNonNull(status, "status")
            + ": "
            + Objects.requireNonNull(command, "command")
            + " refused, "
            + Objects.requireNonNull(reason, "reason"));
    this.trackingNumber = trackingNumber;
    this.status = status;
    this.command = command;
    this.reason = reason;
  }

  /** The work order. */
  public TrackingNumber trackingNumber() {
    return trackingNumber;
  }

  /** Its status when the command was refused. */
  public Status status() {
    return status;
  }

  /** The refused command. */
  public CommandKind command() {
    return command;
  }

  /** Why, in a few words. */
  public String reason() {
    return reason;
  }
}
