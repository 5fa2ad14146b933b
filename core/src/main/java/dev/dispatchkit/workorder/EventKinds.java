package dev.dispatchkit.workorder;

import java.util.Map;

/** Which command each kind of {@link WorkOrderEvent} comes from. */
final class EventKinds {

  private static final Map<Class<? extends WorkOrderEvent>, CommandKind> KINDS =
      Map.ofEntries(
          Map.entry(WorkOrderEvent.Dispatched.class, CommandKind.DISPATCH),
          Map.entry(WorkOrderEvent.Accepted.class, CommandKind.ACCEPT),
          Map.entry(WorkOrderEvent.Declined.class, CommandKind.DECLINE),
          Map.entry(WorkOrderEvent.Reassigned.class, CommandKind.REASSIGN),
          Map.entry(WorkOrderEvent.ExpectedDateChanged.class, CommandKind.CHANGE_EXPECTED_DATE),
          Map.entry(WorkOrderEvent.NoteAdded.class, CommandKind.ADD_NOTE),
          Map.entry(WorkOrderEvent.AttachmentAdded.class, CommandKind.ADD_ATTACHMENT),
          Map.entry(
              WorkOrderEvent.DispatchMessageRecorded.class, CommandKind.RECORD_DISPATCH_MESSAGE),
          Map.entry(WorkOrderEvent.CheckedIn.class, CommandKind.CHECK_IN),
          Map.entry(WorkOrderEvent.Completed.class, CommandKind.COMPLETE),
          Map.entry(WorkOrderEvent.CompletionRejected.class, CommandKind.REJECT_COMPLETION),
          Map.entry(WorkOrderEvent.DispatchUndelivered.class, CommandKind.MARK_UNDELIVERED),
          Map.entry(WorkOrderEvent.Confirmed.class, CommandKind.CONFIRM),
          Map.entry(WorkOrderEvent.Cancelled.class, CommandKind.CANCEL),
          Map.entry(WorkOrderEvent.NteIncreaseRequested.class, CommandKind.REQUEST_NTE_INCREASE),
          Map.entry(WorkOrderEvent.NteIncreaseApproved.class, CommandKind.APPROVE_NTE_INCREASE),
          Map.entry(WorkOrderEvent.NteIncreaseRejected.class, CommandKind.REJECT_NTE_INCREASE));

  private EventKinds() {}

  static CommandKind of(WorkOrderEvent event) {
    CommandKind kind = KINDS.get(event.getClass());
    if (kind == null) {
      throw new IllegalStateException("no command for " + event.getClass().getSimpleName());
    }
    return kind;
  }
}
