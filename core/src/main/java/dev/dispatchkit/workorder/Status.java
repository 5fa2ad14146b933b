package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.util.List;
import java.util.Objects;

/**
 * A work order's status: a primary status with its extended status. Only the pairs of {@link
 * #all()} exist; each has a constant here.
 *
 * @param primary the main stage
 * @param extended the detail under it
 */
public record Status(PrimaryStatus primary, ExtendedStatus extended) {

  /** Dispatched, no answer yet. */
  public static final Status OPEN = new Status(PrimaryStatus.OPEN, ExtendedStatus.NONE);

  /** The provider declined; the work order waits to be reassigned. */
  public static final Status DECLINED = new Status(PrimaryStatus.OPEN, ExtendedStatus.DECLINED);

  /** The provider accepted. */
  public static final Status DISPATCH_CONFIRMED =
      new Status(PrimaryStatus.IN_PROGRESS, ExtendedStatus.DISPATCH_CONFIRMED);

  /** The technician is on site. */
  public static final Status ON_SITE =
      new Status(PrimaryStatus.IN_PROGRESS, ExtendedStatus.ON_SITE);

  /** Waiting for parts. */
  public static final Status PARTS_ON_ORDER =
      new Status(PrimaryStatus.IN_PROGRESS, ExtendedStatus.PARTS_ON_ORDER);

  /** A visit ended with work left to do. */
  public static final Status INCOMPLETE =
      new Status(PrimaryStatus.IN_PROGRESS, ExtendedStatus.INCOMPLETE);

  /** Completed by the provider, waiting for the client's confirmation. */
  public static final Status PENDING_CONFIRMATION =
      new Status(PrimaryStatus.COMPLETED, ExtendedStatus.PENDING_CONFIRMATION);

  /** Completed and confirmed by the client. Terminal. */
  public static final Status CONFIRMED =
      new Status(PrimaryStatus.COMPLETED, ExtendedStatus.CONFIRMED);

  /** Cancelled by the client. Terminal. */
  public static final Status CANCELLED = new Status(PrimaryStatus.CANCELLED, ExtendedStatus.NONE);

  private static final List<Status> ALL =
      List.of(
          OPEN,
          DECLINED,
          DISPATCH_CONFIRMED,
          ON_SITE,
          PARTS_ON_ORDER,
          INCOMPLETE,
          PENDING_CONFIRMATION,
          CONFIRMED,
          CANCELLED);

  /**
   * @throws ValidationException unless the pair is one of {@link #all()}
   */
  public Status {
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(extended, "extended");
    if (!isLegal(primary, extended)) {
      throw new ValidationException(
          "Status", "no status " + primary + "/" + extended + "; legal statuses are " + ALL);
    }
  }

  /**
   * Same as the constructor, but returns the constant of the pair: every work order read from a
   * store names its status, and nine constants serve them all.
   */
  public static Status of(PrimaryStatus primary, ExtendedStatus extended) {
    // A null or an illegal pair matches no constant; the constructor then says what is wrong.
    for (Status status : ALL) {
      if (status.primary == primary && status.extended == extended) {
        return status;
      }
    }
    return new Status(primary, extended);
  }

  /** Every legal status, in the order a work order usually goes through them. */
  public static List<Status> all() {
    return ALL;
  }

  /** Whether the pair names a status; never throws. */
  public static boolean isLegal(PrimaryStatus primary, ExtendedStatus extended) {
    return switch (primary) {
      case OPEN -> extended == ExtendedStatus.NONE || extended == ExtendedStatus.DECLINED;
      case IN_PROGRESS ->
          extended == ExtendedStatus.DISPATCH_CONFIRMED
              || extended == ExtendedStatus.ON_SITE
              || extended == ExtendedStatus.PARTS_ON_ORDER
              || extended == ExtendedStatus.INCOMPLETE;
      case COMPLETED ->
          extended == ExtendedStatus.PENDING_CONFIRMATION || extended == ExtendedStatus.CONFIRMED;
      case CANCELLED -> extended == ExtendedStatus.NONE;
    };
  }

  /** Whether nothing but a note can happen any more: {@link #CONFIRMED} and {@link #CANCELLED}. */
  public boolean isTerminal() {
    return equals(CONFIRMED) || equals(CANCELLED);
  }

  /** The same two enum constants; written out since the state machine compares statuses often. */
  @Override
  public boolean equals(Object other) {
    return this == other
        || other instanceof Status that && primary == that.primary && extended == that.extended;
  }

  @Override
  public int hashCode() {
    return 31 * primary.hashCode() + extended.hashCode();
  }

  /** {@code OPEN}, {@code OPEN/DECLINED}, {@code IN_PROGRESS/ON_SITE}... */
  @Override
  public String toString() {
    return extended == ExtendedStatus.NONE ? primary.name() : primary + "/" + extended;
  }
}
