package dev.dispatchkit.workorder;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a {@link WorkOrderCommand} asks for. The {@link Transitions transition table} is written in
 * these terms, and {@link WorkOrder#allowedCommands()} answers in them.
 */
public enum CommandKind {
  /** Create the work order and send it to a provider. */
  DISPATCH,
  /** The provider accepts. */
  ACCEPT,
  /** The provider declines. */
  DECLINE,
  /** The client gives the work order to another provider. */
  REASSIGN,
  /** The expected date moves, with a note and a contact to notify. */
  CHANGE_EXPECTED_DATE,
  /** Someone writes a note. */
  ADD_NOTE,
  /** Someone attaches a file. */
  ADD_ATTACHMENT,
  /** The service request email went out under a Message-ID; DispatchKit's own, never a host's. */
  RECORD_DISPATCH_MESSAGE,
  /** The technician arrives on site. */
  CHECK_IN,
  /** The provider reports waiting for parts. */
  REPORT_PARTS_ON_ORDER,
  /** The provider reports a visit that left work to do. */
  REPORT_INCOMPLETE,
  /** The provider reports the work done. */
  COMPLETE,
  /** The client confirms the completion. */
  CONFIRM,
  /** The client refuses the completion: the work is not done, and the order is reopened. */
  REJECT_COMPLETION,
  /** A bounce showed that the service request never reached the provider. */
  MARK_UNDELIVERED,
  /** The client cancels. */
  CANCEL,
  /** The provider asks for a higher NTE. */
  REQUEST_NTE_INCREASE,
  /** The client grants the requested NTE. */
  APPROVE_NTE_INCREASE,
  /** The client refuses the requested NTE. */
  REJECT_NTE_INCREASE;

  /** Whether a host may ask for this: false for what DispatchKit records itself. */
  public boolean isHostCommand() {
    return this != RECORD_DISPATCH_MESSAGE;
  }

  /** The kinds of {@code kinds} that a host may ask for, as an unmodifiable set. */
  public static Set<CommandKind> forHosts(Set<CommandKind> kinds) {
    EnumSet<CommandKind> hosts = EnumSet.noneOf(CommandKind.class);
    for (CommandKind kind : kinds) {
      if (kind.isHostCommand()) {
        hosts.add(kind);
      }
    }
    return Collections.unmodifiableSet(hosts);
  }
}
