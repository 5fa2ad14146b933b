package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.workorder.WorkOrderCommand.AddAttachment;
import dev.dispatchkit.workorder.WorkOrderCommand.AddNote;
import dev.dispatchkit.workorder.WorkOrderCommand.Cancel;
import dev.dispatchkit.workorder.WorkOrderCommand.ChangeExpectedDate;
import dev.dispatchkit.workorder.WorkOrderCommand.Decline;
import dev.dispatchkit.workorder.WorkOrderCommand.Reassign;
import dev.dispatchkit.workorder.WorkOrderCommand.RecordDispatchMessage;
import dev.dispatchkit.workorder.WorkOrderCommand.RejectCompletion;
import dev.dispatchkit.workorder.WorkOrderCommand.RejectNteIncrease;
import dev.dispatchkit.workorder.WorkOrderCommand.RequestNteIncrease;
import dev.dispatchkit.workorder.WorkOrderCommand.UpdateProgress;
import dev.dispatchkit.workorder.WorkOrderEvent.AttachmentAdded;
import dev.dispatchkit.workorder.WorkOrderEvent.Cancelled;
import dev.dispatchkit.workorder.WorkOrderEvent.CheckedIn;
import dev.dispatchkit.workorder.WorkOrderEvent.Declined;
import dev.dispatchkit.workorder.WorkOrderEvent.DispatchMessageRecorded;
import dev.dispatchkit.workorder.WorkOrderEvent.ExpectedDateChanged;
import dev.dispatchkit.workorder.WorkOrderEvent.NoteAdded;
import dev.dispatchkit.workorder.WorkOrderEvent.NteIncreaseApproved;
import dev.dispatchkit.workorder.WorkOrderEvent.NteIncreaseRejected;
import dev.dispatchkit.workorder.WorkOrderEvent.NteIncreaseRequested;
import dev.dispatchkit.workorder.WorkOrderEvent.Reassigned;
import java.time.Instant;
import java.util.Objects;

/**
 * What a command allowed by the table becomes: its arguments checked against the work order, and
 * the one event that records it. Kept apart from {@link WorkOrder}, which only applies events.
 */
final class Decisions {

  private Decisions() {}

  /** Checks the command's arguments against {@code o} and says what happens. */
  static WorkOrderEvent decide(WorkOrder o, WorkOrderCommand command, Instant at) {
    long next = o.version() + 1;
    TrackingNumber tn = o.trackingNumber();
    if (command instanceof WorkOrderCommand.Accept) {
      return new WorkOrderEvent.Accepted(tn, next, at);
    } else if (command instanceof Decline c) {
      return new Declined(tn, next, at, c.reason(), c.text());
    } else if (command instanceof Reassign c) {
      if (c.provider().equals(o.provider())) {
        throw new ValidationException(
            "Reassign", "work order " + tn + " is already with provider " + o.provider());
      }
      return new Reassigned(tn, next, at, o.provider(), c.provider());
    } else if (command instanceof ChangeExpectedDate c) {
      ExpectedDateRule.require(o, c, at);
      return new ExpectedDateChanged(
          tn,
          next,
          at,
          o.expectedDate(),
          c.newDate(),
          c.note(),
          c.contactToNotify(),
          c.reschedule() ? o.rescheduleCount() + 1 : o.rescheduleCount());
    } else if (command instanceof AddNote c) {
      AttachmentLists.requireCarried(tn, o.attachments(), c.attachmentIds());
      return new NoteAdded(tn, next, at, new Note(c.text(), c.author(), at, c.attachmentIds()));
    } else if (command instanceof AddAttachment c) {
      if (o.attachments().stream().anyMatch(a -> a.id().equals(c.attachment().id()))) {
        throw new ValidationException(
            "AddAttachment", "work order " + tn + " already has attachment " + c.attachment().id());
      }
      return new AttachmentAdded(tn, next, at, c.attachment());
    } else if (command instanceof RecordDispatchMessage c) {
      return new DispatchMessageRecorded(tn, next, at, c.messageId());
    } else if (command instanceof WorkOrderCommand.CheckIn) {
      return new CheckedIn(tn, next, at);
    } else if (command instanceof UpdateProgress c) {
      return new WorkOrderEvent.ProgressUpdated(tn, next, at, c.update());
    } else if (command instanceof WorkOrderCommand.Complete) {
      return new WorkOrderEvent.Completed(tn, next, at);
    } else if (command instanceof RejectCompletion c) {
      return new WorkOrderEvent.CompletionRejected(tn, next, at, c.reason());
    } else if (command instanceof WorkOrderCommand.MarkUndelivered) {
      return new WorkOrderEvent.DispatchUndelivered(tn, next, at);
    } else if (command instanceof WorkOrderCommand.Confirm) {
      return new WorkOrderEvent.Confirmed(tn, next, at);
    } else if (command instanceof Cancel c) {
      return new Cancelled(tn, next, at, c.reason());
    } else if (command instanceof RequestNteIncrease c) {
      Nte nte = o.nte();
      if (!c.requested().currency().equals(nte.currency()) || !c.requested().isGreaterThan(nte)) {
        throw new ValidationException(
            "RequestNteIncrease",
            "requested NTE " + c.requested() + " is not above the NTE of " + nte);
      }
      return new NteIncreaseRequested(tn, next, at, c.requested(), c.reason());
    } else if (command instanceof WorkOrderCommand.ApproveNteIncrease c) {
      return new NteIncreaseApproved(tn, next, at, o.nte(), pending(o).requested(), c.comment());
    } else if (command instanceof RejectNteIncrease c) {
      return new NteIncreaseRejected(tn, next, at, pending(o).requested(), c.comment());
    }
    throw new AssertionError("refused before: " + command.kind());
  }

  private static NteIncreaseRequest pending(WorkOrder o) {
    return Objects.requireNonNull(o.pendingNteIncrease(), "guarded: an NTE request is pending");
  }
}
