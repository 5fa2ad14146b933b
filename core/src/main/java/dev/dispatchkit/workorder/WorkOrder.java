package dev.dispatchkit.workorder;

import dev.dispatchkit.error.IllegalTransitionException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.workorder.WorkOrderCommand.Dispatch;
import dev.dispatchkit.workorder.WorkOrderEvent.AttachmentAdded;
import dev.dispatchkit.workorder.WorkOrderEvent.Cancelled;
import dev.dispatchkit.workorder.WorkOrderEvent.CheckedIn;
import dev.dispatchkit.workorder.WorkOrderEvent.Declined;
import dev.dispatchkit.workorder.WorkOrderEvent.DispatchMessageRecorded;
import dev.dispatchkit.workorder.WorkOrderEvent.Dispatched;
import dev.dispatchkit.workorder.WorkOrderEvent.ExpectedDateChanged;
import dev.dispatchkit.workorder.WorkOrderEvent.NoteAdded;
import dev.dispatchkit.workorder.WorkOrderEvent.NteIncreaseApproved;
import dev.dispatchkit.workorder.WorkOrderEvent.NteIncreaseRejected;
import dev.dispatchkit.workorder.WorkOrderEvent.NteIncreaseRequested;
import dev.dispatchkit.workorder.WorkOrderEvent.Reassigned;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A work order: an immutable aggregate. {@link #dispatch} creates one; {@link #handle} applies a
 * command and returns the new work order with the one {@link WorkOrderEvent} that records it, or
 * refuses it and changes nothing. {@link #allowedCommands()} says beforehand what is allowed.
 *
 * <p>The canonical constructor is the way back from storage: an adapter saves every component and
 * calls it to rebuild an equal work order without replaying the timeline. It checks the invariants
 * below, so a corrupt row fails loudly instead of producing an impossible work order.
 *
 * <p>Instants are kept to the microsecond ({@link #handle} truncates the instant it is given), what
 * SQL timestamps hold, so a stored and reloaded work order equals the original.
 *
 * @param trackingNumber the number, unique per subscriber
 * @param subscriber the client
 * @param provider the provider it is dispatched to
 * @param site where the work is done
 * @param problem what is wrong
 * @param priority how fast the provider must answer
 * @param nte the not-to-exceed amount in force
 * @param expectedDate when the provider is expected; always in the site's zone
 * @param status the current status
 * @param contacts the client's people who may be notified; no email address twice (ignoring case)
 * @param notes the notes, oldest first
 * @param attachments the attachments, oldest first; no id twice
 * @param rescheduleCount how many times the expected date moved since the last (re)assignment
 * @param dispatchMessageId the Message-ID of the service request email; null until recorded, and
 *     again after a reassignment
 * @param version 1 after dispatch, +1 per accepted command; the optimistic-locking version
 * @param dispatchedAt when the work order was dispatched to its current provider; the response
 *     window starts here
 * @param acceptedAt when the current provider accepted; null while OPEN, never null once
 *     IN_PROGRESS or COMPLETED
 * @param checkedInAt when the technician last checked in; null while OPEN, never null when ON_SITE
 * @param decline why the provider declined; present exactly when the status is OPEN/DECLINED
 * @param pendingNteIncrease the provider's unanswered request for a higher NTE, above the NTE in
 *     its currency; always null in a terminal status
 * @param undelivered the current service request bounced: set by a bounce that maps back to it,
 *     cleared by a reassignment or any answer; only ever true while plainly OPEN
 */
public record WorkOrder(
    TrackingNumber trackingNumber,
    SubscriberId subscriber,
    ProviderId provider,
    Site site,
    Problem problem,
    Priority priority,
    Nte nte,
    ExpectedDate expectedDate,
    Status status,
    List<ContactPerson> contacts,
    List<Note> notes,
    List<AttachmentRef> attachments,
    int rescheduleCount,
    @Nullable String dispatchMessageId,
    long version,
    Instant dispatchedAt,
    @Nullable Instant acceptedAt,
    @Nullable Instant checkedInAt,
    @Nullable DeclineDetails decline,
    @Nullable NteIncreaseRequest pendingNteIncrease,
    boolean undelivered) {

  /** The key that identifies this work order in a store: its subscriber and tracking number. */
  public WorkOrderKey key() {
    return new WorkOrderKey(subscriber, trackingNumber);
  }

  /**
   * {@code WorkOrder[#100201 acme/acme-plumbing OPEN, expected 2026-03-03T10:00 Europe/Paris, v1]}.
   */
  @Override
  public String toString() {
    return Printed.of(this);
  }

  /** The longest Message-ID accepted. */
  public static final int MAX_MESSAGE_ID = 250;

  /**
   * Rebuilds a work order from its stored fields.
   *
   * @throws ValidationException listing every invariant the fields break
   */
  public WorkOrder {
    Objects.requireNonNull(trackingNumber, "trackingNumber");
    Objects.requireNonNull(subscriber, "subscriber");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(site, "site");
    Objects.requireNonNull(problem, "problem");
    Objects.requireNonNull(priority, "priority");
    Objects.requireNonNull(nte, "nte");
    Objects.requireNonNull(expectedDate, "expectedDate");
    Objects.requireNonNull(status, "status");
    contacts = List.copyOf(contacts);
    notes = List.copyOf(notes);
    attachments = List.copyOf(attachments);
    Objects.requireNonNull(dispatchedAt, "dispatchedAt");
    boolean open = status.primary() == PrimaryStatus.OPEN;
    boolean started =
        status.primary() == PrimaryStatus.IN_PROGRESS
            || status.primary() == PrimaryStatus.COMPLETED;
    // Every work order read or changed passes here: the messages are built only for a violation.
    Texts check = Texts.check("WorkOrder", trackingNumber);
    if (!expectedDate.zone().equals(site.zone())) {
      check.add("expectedDate is in " + expectedDate.zone() + ", the site in " + site.zone());
    }
    check
        .require(Uniqueness.distinctAddresses(contacts), "two contacts share an email address")
        .require(Uniqueness.distinctIds(attachments), "two attachments share an id")
        .require(
            AttachmentLists.notesCarryOwnFiles(notes, attachments),
            "a note carries an unknown attachment")
        .require(rescheduleCount >= 0, "rescheduleCount is negative");
    if (version < 1) {
      check.add("version must be 1 or more, was " + version);
    }
    check
        .require(
            dispatchMessageId == null || isValidMessageId(dispatchMessageId),
            "dispatchMessageId is malformed")
        .require(!(open && acceptedAt != null), "acceptedAt is set on an OPEN work order");
    if (started && acceptedAt == null) {
      check.add("acceptedAt is missing on a " + status + " order");
    }
    check
        .require(!(open && checkedInAt != null), "checkedInAt is set on an OPEN work order")
        .require(
            !(status.equals(Status.ON_SITE) && checkedInAt == null),
            "checkedInAt is missing on an ON_SITE work order")
        .require(
            (decline != null) == status.equals(Status.DECLINED),
            "decline must be present exactly when the status is OPEN/DECLINED");
    if (pendingNteIncrease != null && status.isTerminal()) {
      check.add("a " + status + " work order has a pending NTE increase");
    }
    check
        .require(
            pendingNteIncrease == null
                || (pendingNteIncrease.requested().currency().equals(nte.currency())
                    && pendingNteIncrease.requested().isGreaterThan(nte)),
            "the pending NTE increase is not above the NTE in its currency")
        .require(!undelivered || status.equals(Status.OPEN), "undelivered is set on a " + status)
        .orThrow();
  }

  /**
   * Creates a work order: OPEN, version 1, its response window starting at {@code at}.
   *
   * @param command what to dispatch, with its expected date
   * @param at the current instant, from the host's clock
   * @throws ValidationException if the command has no expected date
   */
  public static Change dispatch(Dispatch command, Instant at) {
    Objects.requireNonNull(command, "command");
    if (command.expectedDate() == null) {
      // The facade fills it from the arrival window; here the date must be decided already.
      throw new ValidationException(
          "Dispatch", "work order " + command.trackingNumber() + " has no expected date");
    }
    Dispatched event =
        new Dispatched(
            command.trackingNumber(),
            1,
            micros(at),
            command.subscriber(),
            command.provider(),
            command.site(),
            command.problem(),
            command.priority(),
            command.nte(),
            command.expectedDate(),
            command.contacts());
    return new Change(created(event), event);
  }

  /**
   * Applies a command: returns the new work order and its event, or throws and changes nothing.
   *
   * @param command the command; a {@link Dispatch} is always refused here
   * @param at the current instant, from the host's clock; truncated to microseconds
   * @throws IllegalTransitionException if the transition table or a guard forbids the command now
   * @throws dev.dispatchkit.error.ExpectedDateRejectedException if an expected-date change breaks
   *     {@link ExpectedDateRule}
   * @throws ValidationException if the command does not fit this work order: reassignment to the
   *     current provider, an attachment id already present, an NTE increase that is not above the
   *     NTE in its currency
   */
  public Change handle(WorkOrderCommand command, Instant at) {
    Objects.requireNonNull(command, "command");
    Instant now = micros(at);
    String refusal = refusal(command.kind());
    if (refusal != null) {
      throw new IllegalTransitionException(trackingNumber, status, command.kind(), refusal);
    }
    WorkOrderEvent event = Decisions.decide(this, command, now);
    return new Change(apply(event), event);
  }

  /**
   * The commands allowed now: those of the {@link Transitions transition table} for the status,
   * less those a guard forbids. A command listed here may still be refused for its arguments (an
   * expected date in the past, a reassignment to the same provider). Never throws.
   */
  public Set<CommandKind> allowedCommands() {
    EnumSet<CommandKind> allowed = EnumSet.noneOf(CommandKind.class);
    for (CommandKind kind : CommandKind.values()) {
      if (refusal(kind) == null) {
        allowed.add(kind);
      }
    }
    return Collections.unmodifiableSet(allowed);
  }

  /**
   * Rebuilds a work order from its whole timeline, oldest first. The result equals the work order
   * that produced the events.
   *
   * @throws ValidationException if the timeline does not start with {@link Dispatched}, mixes work
   *     orders or skips a version
   * @throws IllegalTransitionException if an event was not allowed where it stands
   */
  public static WorkOrder replay(List<? extends WorkOrderEvent> timeline) {
    if (timeline.isEmpty() || !(timeline.get(0) instanceof Dispatched first)) {
      throw new ValidationException("WorkOrder timeline", "must start with a Dispatched event");
    }
    WorkOrder order = created(first);
    for (WorkOrderEvent event : timeline.subList(1, timeline.size())) {
      order = order.apply(event);
    }
    return order;
  }

  /**
   * Whether {@code candidate} is a Message-ID as this library keeps it: 1 to {@value
   * #MAX_MESSAGE_ID} visible ASCII characters, without the angle brackets. Never throws.
   */
  public static boolean isValidMessageId(String candidate) {
    if (candidate.isEmpty() || candidate.length() > MAX_MESSAGE_ID) {
      return false;
    }
    for (int i = 0; i < candidate.length(); i++) {
      char c = candidate.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '<' || c == '>') {
        return false;
      }
    }
    return true;
  }

  private static Instant micros(Instant at) {
    return Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.MICROS);
  }

  private @Nullable String refusal(CommandKind kind) {
    if (kind == CommandKind.DISPATCH) {
      return "a work order is dispatched only once";
    }
    if (Transitions.target(status, kind).isEmpty()) {
      return "not allowed in " + status;
    }
    return Transitions.guard(this, kind);
  }

  private static WorkOrder created(Dispatched e) {
    return new WorkOrder(
        e.trackingNumber(),
        e.subscriber(),
        e.provider(),
        e.site(),
        e.problem(),
        e.priority(),
        e.nte(),
        e.expectedDate(),
        Status.OPEN,
        e.contacts(),
        List.of(),
        List.of(),
        0,
        null,
        1,
        e.at(),
        null,
        null,
        null,
        null,
        false);
  }

  /** The work order after {@code event}; the one place where state changes. */
  private WorkOrder apply(WorkOrderEvent event) {
    if (!event.trackingNumber().equals(trackingNumber) || event.version() != version + 1) {
      throw new ValidationException(
          "WorkOrder timeline",
          "event "
              + event.kind()
              + " for "
              + event.trackingNumber()
              + " v"
              + event.version()
              + " cannot follow "
              + trackingNumber
              + " v"
              + version);
    }
    String refusal = refusal(event.kind());
    if (refusal != null) {
      throw new IllegalTransitionException(trackingNumber, status, event.kind(), refusal);
    }
    Draft next = new Draft(this);
    next.status = Transitions.target(status, event.kind()).orElseThrow();
    next.version = event.version();
    Instant at = event.at();
    if (event instanceof WorkOrderEvent.Accepted) {
      next.acceptedAt = at;
    } else if (event instanceof Declined e) {
      next.decline = new DeclineDetails(e.reason(), e.text(), at);
    } else if (event instanceof Reassigned e) {
      // A new provider starts afresh: its own response clock, mail, answer and schedule record.
      next.provider = e.provider();
      next.dispatchedAt = at;
      next.acceptedAt = null;
      next.checkedInAt = null;
      next.dispatchMessageId = null;
      next.pendingNteIncrease = null;
      next.rescheduleCount = 0;
      next.undelivered = false;
    } else if (event instanceof ExpectedDateChanged e) {
      // The count stays for the provider's own commitment and goes up by one for a reschedule.
      if (e.rescheduleCount() != rescheduleCount + 1 && e.rescheduleCount() != rescheduleCount) {
        throw new ValidationException(
            "WorkOrder timeline",
            "reschedule " + e.rescheduleCount() + " cannot follow " + rescheduleCount);
      }
      next.expectedDate = e.newDate();
      next.rescheduleCount = e.rescheduleCount();
    } else if (event instanceof NoteAdded e) {
      next.notes = appended(notes, e.note());
    } else if (event instanceof AttachmentAdded e) {
      next.attachments = appended(attachments, e.attachment());
    } else if (event instanceof DispatchMessageRecorded e) {
      next.dispatchMessageId = e.messageId();
    } else if (event instanceof CheckedIn) {
      next.checkedInAt = at;
    } else if (event instanceof Cancelled) {
      next.pendingNteIncrease = null;
    } else if (event instanceof NteIncreaseRequested e) {
      next.pendingNteIncrease = new NteIncreaseRequest(e.requested(), e.reason(), at);
    } else if (event instanceof NteIncreaseApproved e) {
      next.nte = e.nte();
      next.pendingNteIncrease = null;
    } else if (event instanceof NteIncreaseRejected) {
      next.pendingNteIncrease = null;
    } else if (event instanceof WorkOrderEvent.DispatchUndelivered) {
      next.undelivered = true;
    }
    if (!next.status.equals(Status.DECLINED)) {
      next.decline = null;
    }
    if (!next.status.equals(Status.OPEN)) {
      // Any answer (accept, decline) or end proves the mail arrived or no longer matters.
      next.undelivered = false;
    }
    return next.build();
  }

  private static <T> List<T> appended(List<T> list, T element) {
    List<T> copy = new ArrayList<>(list.size() + 1);
    copy.addAll(list);
    copy.add(element);
    return copy;
  }

  /** A mutable copy, so that {@link #apply} names only the fields an event changes. */
  private static final class Draft {
    private final WorkOrder from;
    private ProviderId provider;
    private Nte nte;
    private ExpectedDate expectedDate;
    private Status status;
    private List<Note> notes;
    private List<AttachmentRef> attachments;
    private int rescheduleCount;
    private @Nullable String dispatchMessageId;
    private long version;
    private Instant dispatchedAt;
    private @Nullable Instant acceptedAt;
    private @Nullable Instant checkedInAt;
    private @Nullable DeclineDetails decline;
    private @Nullable NteIncreaseRequest pendingNteIncrease;
    private boolean undelivered;

    Draft(WorkOrder from) {
      this.from = from;
      provider = from.provider;
      nte = from.nte;
      expectedDate = from.expectedDate;
      status = from.status;
      notes = from.notes;
      attachments = from.attachments;
      rescheduleCount = from.rescheduleCount;
      dispatchMessageId = from.dispatchMessageId;
      version = from.version;
      dispatchedAt = from.dispatchedAt;
      acceptedAt = from.acceptedAt;
      checkedInAt = from.checkedInAt;
      decline = from.decline;
      pendingNteIncrease = from.pendingNteIncrease;
      undelivered = from.undelivered;
    }

    WorkOrder build() {
      return new WorkOrder(
          from.trackingNumber,
          from.subscriber,
          provider,
          from.site,
          from.problem,
          from.priority,
          nte,
          expectedDate,
          status,
          from.contacts,
          notes,
          attachments,
          rescheduleCount,
          dispatchMessageId,
          version,
          dispatchedAt,
          acceptedAt,
          checkedInAt,
          decline,
          pendingNteIncrease,
          undelivered);
    }
  }
}
