package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a work order's timeline: what happened, when, and the version it produced. Each
 * accepted command yields exactly one event; {@link WorkOrder#replay(List)} rebuilds the work order
 * from them, starting with {@link Dispatched}, which carries every initial field.
 *
 * <p>Every event's first three components are the same: the work order's tracking number, the
 * version the event produced, and when it happened.
 */
public sealed interface WorkOrderEvent {

  /** The work order it happened to. */
  TrackingNumber trackingNumber();

  /** The version of the work order this event produced: 1 for {@link Dispatched}, then +1 each. */
  long version();

  /** When it happened. */
  Instant at();

  /** The command that caused it. */
  default CommandKind kind() {
    return EventKinds.of(this);
  }

  /**
   * The work order was created and sent: OPEN, version 1.
   *
   * @param trackingNumber the work order
   * @param version always 1
   * @param at when; the provider's response window starts here
   * @param subscriber the client
   * @param provider the provider
   * @param site where the work is done
   * @param problem what is wrong
   * @param priority how fast the provider must answer
   * @param nte the not-to-exceed amount
   * @param expectedDate when the provider is expected
   * @param contacts the client's people who may be notified
   */
  record Dispatched(
      TrackingNumber trackingNumber,
      long version,
      Instant at,
      SubscriberId subscriber,
      ProviderId provider,
      Site site,
      Problem problem,
      Priority priority,
      Nte nte,
      ExpectedDate expectedDate,
      List<ContactPerson> contacts)
      implements WorkOrderEvent {

    /**
     * @throws ValidationException if the version is not 1
     */
    public Dispatched {
      header(trackingNumber, version, at);
      if (version != 1) {
        throw new ValidationException("Dispatched", "version must be 1, was " + version);
      }
      Objects.requireNonNull(subscriber, "subscriber");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(site, "site");
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(priority, "priority");
      Objects.requireNonNull(nte, "nte");
      Objects.requireNonNull(expectedDate, "expectedDate");
      contacts = List.copyOf(contacts);
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /** The provider accepted. */
  record Accepted(TrackingNumber trackingNumber, long version, Instant at)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public Accepted {
      header(trackingNumber, version, at);
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * The provider declined.
   *
   * @param reason the reason chosen; null when none
   * @param text the provider's words; null when none
   */
  record Declined(
      TrackingNumber trackingNumber,
      long version,
      Instant at,
      @Nullable DeclineReason reason,
      @Nullable String text)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public Declined {
      header(trackingNumber, version, at);
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * The work order went to another provider; its response clock restarted at {@code at}.
   *
   * @param trackingNumber the work order
   * @param version the version produced
   * @param at when; the new provider's response window starts here
   * @param previousProvider the provider it was taken from
   * @param provider the new provider
   */
  record Reassigned(
      TrackingNumber trackingNumber,
      long version,
      Instant at,
      ProviderId previousProvider,
      ProviderId provider)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public Reassigned {
      header(trackingNumber, version, at);
      Objects.requireNonNull(previousProvider, "previousProvider");
      Objects.requireNonNull(provider, "provider");
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * The expected date moved.
   *
   * @param previousDate the date before
   * @param newDate the date after
   * @param note why it moved
   * @param contactToNotify the contact to tell
   * @param rescheduleCount how many reschedules count now: one more than before, or as many for the
   *     date the provider committed to in its accepting reply
   */
  record ExpectedDateChanged(
      TrackingNumber trackingNumber,
      long version,
      Instant at,
      ExpectedDate previousDate,
      ExpectedDate newDate,
      String note,
      ContactPerson contactToNotify,
      int rescheduleCount)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public ExpectedDateChanged {
      header(trackingNumber, version, at);
      Objects.requireNonNull(previousDate, "previousDate");
      Objects.requireNonNull(newDate, "newDate");
      Objects.requireNonNull(note, "note");
      Objects.requireNonNull(contactToNotify, "contactToNotify");
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * A note was added.
   *
   * @param note the note
   */
  record NoteAdded(TrackingNumber trackingNumber, long version, Instant at, Note note)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public NoteAdded {
      header(trackingNumber, version, at);
      Objects.requireNonNull(note, "note");
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * A file was attached.
   *
   * @param attachment the reference
   */
  record AttachmentAdded(
      TrackingNumber trackingNumber, long version, Instant at, AttachmentRef attachment)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public AttachmentAdded {
      header(trackingNumber, version, at);
      Objects.requireNonNull(attachment, "attachment");
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * The service request email went out under this Message-ID.
   *
   * @param messageId the Message-ID without angle brackets
   */
  record DispatchMessageRecorded(
      TrackingNumber trackingNumber, long version, Instant at, String messageId)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public DispatchMessageRecorded {
      header(trackingNumber, version, at);
      Objects.requireNonNull(messageId, "messageId");
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /** The technician checked in on site. */
  record CheckedIn(TrackingNumber trackingNumber, long version, Instant at)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public CheckedIn {
      header(trackingNumber, version, at);
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * The provider reported progress.
   *
   * @param update what was reported
   */
  record ProgressUpdated(
      TrackingNumber trackingNumber, long version, Instant at, ProgressUpdate update)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public ProgressUpdated {
      header(trackingNumber, version, at);
      Objects.requireNonNull(update, "update");
    }

    @Override
    public CommandKind kind() {
      return update.kind();
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /** The provider reported the work done. */
  record Completed(TrackingNumber trackingNumber, long version, Instant at)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public Completed {
      header(trackingNumber, version, at);
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * The client refused the completion; the work order is IN_PROGRESS/INCOMPLETE again.
   *
   * @param reason what the client found still wrong
   */
  record CompletionRejected(TrackingNumber trackingNumber, long version, Instant at, String reason)
      implements WorkOrderEvent {

    /** Checks the common fields and the reason. */
    public CompletionRejected {
      header(trackingNumber, version, at);
      Objects.requireNonNull(reason, "reason");
    }
  }

  /**
   * The service request bounced: it never reached the provider, and the order is undelivered.
   *
   * @param trackingNumber the work order
   * @param version the version produced
   * @param at when the bounce was handled
   */
  record DispatchUndelivered(TrackingNumber trackingNumber, long version, Instant at)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public DispatchUndelivered {
      header(trackingNumber, version, at);
    }
  }

  /** The client confirmed the completion. */
  record Confirmed(TrackingNumber trackingNumber, long version, Instant at)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public Confirmed {
      header(trackingNumber, version, at);
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * The client cancelled.
   *
   * @param reason why; null when none given
   */
  record Cancelled(TrackingNumber trackingNumber, long version, Instant at, @Nullable String reason)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public Cancelled {
      header(trackingNumber, version, at);
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * The provider asked for a higher NTE.
   *
   * @param requested the NTE asked for
   * @param reason why
   */
  record NteIncreaseRequested(
      TrackingNumber trackingNumber, long version, Instant at, Nte requested, String reason)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public NteIncreaseRequested {
      header(trackingNumber, version, at);
      Objects.requireNonNull(requested, "requested");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * The client granted the request: the NTE changed.
   *
   * @param previousNte the NTE before
   * @param nte the NTE now in force
   * @param comment the client's words; null when none given
   */
  record NteIncreaseApproved(
      TrackingNumber trackingNumber,
      long version,
      Instant at,
      Nte previousNte,
      Nte nte,
      @Nullable String comment)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public NteIncreaseApproved {
      header(trackingNumber, version, at);
      Objects.requireNonNull(previousNte, "previousNte");
      Objects.requireNonNull(nte, "nte");
    }

    /** An approval without a comment. */
    public NteIncreaseApproved(
        TrackingNumber trackingNumber, long version, Instant at, Nte previousNte, Nte nte) {
      this(trackingNumber, version, at, previousNte, nte, null);
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  /**
   * The client refused the request: the NTE stayed.
   *
   * @param requested the NTE that was asked for
   * @param comment why; null when none given
   */
  record NteIncreaseRejected(
      TrackingNumber trackingNumber,
      long version,
      Instant at,
      Nte requested,
      @Nullable String comment)
      implements WorkOrderEvent {

    /** Checks the common fields. */
    public NteIncreaseRejected {
      header(trackingNumber, version, at);
      Objects.requireNonNull(requested, "requested");
    }

    @Override
    public String toString() {
      return Printed.of(this);
    }
  }

  private static void header(TrackingNumber trackingNumber, long version, Instant at) {
    Objects.requireNonNull(trackingNumber, "trackingNumber");
    Objects.requireNonNull(at, "at");
    if (version < 1) {
      throw new ValidationException("WorkOrderEvent", "version must be 1 or more, was " + version);
    }
  }
}
