package dev.dispatchkit.workorder;

import static dev.dispatchkit.workorder.CommandKind.ACCEPT;
import static dev.dispatchkit.workorder.CommandKind.ADD_ATTACHMENT;
import static dev.dispatchkit.workorder.CommandKind.ADD_NOTE;
import static dev.dispatchkit.workorder.CommandKind.APPROVE_NTE_INCREASE;
import static dev.dispatchkit.workorder.CommandKind.CANCEL;
import static dev.dispatchkit.workorder.CommandKind.CHANGE_EXPECTED_DATE;
import static dev.dispatchkit.workorder.CommandKind.CHECK_IN;
import static dev.dispatchkit.workorder.CommandKind.COMPLETE;
import static dev.dispatchkit.workorder.CommandKind.CONFIRM;
import static dev.dispatchkit.workorder.CommandKind.DECLINE;
import static dev.dispatchkit.workorder.CommandKind.MARK_UNDELIVERED;
import static dev.dispatchkit.workorder.CommandKind.REASSIGN;
import static dev.dispatchkit.workorder.CommandKind.RECORD_DISPATCH_MESSAGE;
import static dev.dispatchkit.workorder.CommandKind.REJECT_COMPLETION;
import static dev.dispatchkit.workorder.CommandKind.REJECT_NTE_INCREASE;
import static dev.dispatchkit.workorder.CommandKind.REPORT_INCOMPLETE;
import static dev.dispatchkit.workorder.CommandKind.REPORT_PARTS_ON_ORDER;
import static dev.dispatchkit.workorder.CommandKind.REQUEST_NTE_INCREASE;
import static dev.dispatchkit.workorder.Status.CANCELLED;
import static dev.dispatchkit.workorder.Status.CONFIRMED;
import static dev.dispatchkit.workorder.Status.DECLINED;
import static dev.dispatchkit.workorder.Status.DISPATCH_CONFIRMED;
import static dev.dispatchkit.workorder.Status.INCOMPLETE;
import static dev.dispatchkit.workorder.Status.ON_SITE;
import static dev.dispatchkit.workorder.Status.OPEN;
import static dev.dispatchkit.workorder.Status.PARTS_ON_ORDER;
import static dev.dispatchkit.workorder.Status.PENDING_CONFIRMATION;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The transition table: every command allowed in every status, and the status it leads to. This is
 * the only place where the legality of a command is decided; {@code docs/concepts.md} draws it, and
 * a test keeps the drawing equal to it.
 *
 * <p>{@link CommandKind#DISPATCH} is in no row: it creates a work order, always in {@link
 * Status#OPEN}. Guards narrow the table by the NTE request a work order may hold and by its
 * undelivered mark; {@link WorkOrder#allowedCommands()} applies the table and the guards together.
 */
public final class Transitions {

  /**
   * One row of the table.
   *
   * @param from the status the command is allowed in
   * @param command the command
   * @param to the status it leads to; equal to {@code from} for commands that keep the status
   */
  public record Transition(Status from, CommandKind command, Status to) {

    /** Checks every part is present. */
    public Transition {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(command, "command");
      Objects.requireNonNull(to, "to");
    }
  }

  private static final List<Status> NOT_TERMINAL =
      List.of(
          OPEN,
          DECLINED,
          DISPATCH_CONFIRMED,
          ON_SITE,
          PARTS_ON_ORDER,
          INCOMPLETE,
          PENDING_CONFIRMATION);
  private static final List<Status> IN_PROGRESS =
      List.of(DISPATCH_CONFIRMED, ON_SITE, PARTS_ON_ORDER, INCOMPLETE);

  private static final List<Transition> TABLE =
      rows(
          // Commands that change the status: from, command, to.
          move(OPEN, ACCEPT, DISPATCH_CONFIRMED),
          move(DECLINED, ACCEPT, DISPATCH_CONFIRMED), // the provider changes its mind
          move(OPEN, DECLINE, DECLINED),
          move(OPEN, REASSIGN, OPEN),
          move(DECLINED, REASSIGN, OPEN),
          move(DISPATCH_CONFIRMED, REASSIGN, OPEN),
          move(DISPATCH_CONFIRMED, CHECK_IN, ON_SITE),
          move(PARTS_ON_ORDER, CHECK_IN, ON_SITE),
          move(INCOMPLETE, CHECK_IN, ON_SITE),
          move(DISPATCH_CONFIRMED, REPORT_PARTS_ON_ORDER, PARTS_ON_ORDER),
          move(ON_SITE, REPORT_PARTS_ON_ORDER, PARTS_ON_ORDER),
          move(INCOMPLETE, REPORT_PARTS_ON_ORDER, PARTS_ON_ORDER),
          move(ON_SITE, REPORT_INCOMPLETE, INCOMPLETE),
          // Providers often forget to check in: completion is allowed from any IN_PROGRESS status.
          move(DISPATCH_CONFIRMED, COMPLETE, PENDING_CONFIRMATION),
          move(ON_SITE, COMPLETE, PENDING_CONFIRMATION),
          move(PARTS_ON_ORDER, COMPLETE, PENDING_CONFIRMATION),
          move(INCOMPLETE, COMPLETE, PENDING_CONFIRMATION),
          move(PENDING_CONFIRMATION, CONFIRM, CONFIRMED),
          // The client finds the work not done: back to work, as after a visit that left some.
          move(PENDING_CONFIRMATION, REJECT_COMPLETION, INCOMPLETE),
          move(OPEN, CANCEL, CANCELLED),
          move(DECLINED, CANCEL, CANCELLED),
          move(DISPATCH_CONFIRMED, CANCEL, CANCELLED),
          move(ON_SITE, CANCEL, CANCELLED),
          move(PARTS_ON_ORDER, CANCEL, CANCELLED),
          move(INCOMPLETE, CANCEL, CANCELLED),
          // Commands that keep the status, and the statuses they are allowed in.
          stay(ADD_NOTE, Status.all()), // terminal statuses included: notes change no status
          stay(ADD_ATTACHMENT, NOT_TERMINAL),
          stay(
              CHANGE_EXPECTED_DATE, OPEN, DECLINED, DISPATCH_CONFIRMED, PARTS_ON_ORDER, INCOMPLETE),
          stay(RECORD_DISPATCH_MESSAGE, OPEN, DECLINED, DISPATCH_CONFIRMED),
          // Only an unanswered dispatch can bounce: an answer proves the mail arrived.
          stay(MARK_UNDELIVERED, OPEN),
          stay(REQUEST_NTE_INCREASE, OPEN, DISPATCH_CONFIRMED, ON_SITE, PARTS_ON_ORDER, INCOMPLETE),
          stay(APPROVE_NTE_INCREASE, NOT_TERMINAL),
          stay(REJECT_NTE_INCREASE, NOT_TERMINAL));

  private static final Map<Status, Map<CommandKind, Status>> BY_STATUS = index(TABLE);

  private Transitions() {}

  /** Every row of the table, in the order written above. */
  public static List<Transition> all() {
    return TABLE;
  }

  /**
   * The status {@code command} leads to from {@code from}, or empty when the table does not allow
   * it there. Guards are not applied.
   */
  public static Optional<Status> target(Status from, CommandKind command) {
    return Optional.ofNullable(BY_STATUS.get(from).get(command));
  }

  /**
   * Why the work order's NTE request forbids {@code command} although the table allows it, or null
   * when nothing does.
   */
  static @Nullable String guard(WorkOrder order, CommandKind command) {
    boolean pending = order.pendingNteIncrease() != null;
    return switch (command) {
      case REQUEST_NTE_INCREASE -> pending ? "an NTE increase request is already pending" : null;
      case APPROVE_NTE_INCREASE, REJECT_NTE_INCREASE ->
          pending ? null : "no NTE increase request is pending";
      // Confirming would settle the bill with the provider's request still unanswered.
      case CONFIRM -> pending ? "an NTE increase request is pending: answer it first" : null;
      case MARK_UNDELIVERED -> order.undelivered() ? "the dispatch is already undelivered" : null;
      default -> null;
    };
  }

  private static Stream<Transition> move(Status from, CommandKind command, Status to) {
    return Stream.of(new Transition(from, command, to));
  }

  private static Stream<Transition> stay(CommandKind command, Status... statuses) {
    return stay(command, List.of(statuses));
  }

  private static Stream<Transition> stay(CommandKind command, List<Status> statuses) {
    return statuses.stream().map(status -> new Transition(status, command, status));
  }

  @SafeVarargs
  private static List<Transition> rows(Stream<Transition>... groups) {
    List<Transition> rows = new ArrayList<>();
    for (Stream<Transition> group : groups) {
      group.forEach(rows::add);
    }
    return List.copyOf(rows);
  }

  private static Map<Status, Map<CommandKind, Status>> index(List<Transition> rows) {
    Map<Status, Map<CommandKind, Status>> index = new HashMap<>();
    for (Status status : Status.all()) {
      index.put(status, new EnumMap<>(CommandKind.class));
    }
    for (Transition row : rows) {
      Status previous = index.get(row.from()).put(row.command(), row.to());
      if (previous != null) {
        throw new IllegalStateException("two rows for " + row.command() + " from " + row.from());
      }
    }
    index.replaceAll((status, commands) -> Map.copyOf(commands));
    return Map.copyOf(index);
  }
}
