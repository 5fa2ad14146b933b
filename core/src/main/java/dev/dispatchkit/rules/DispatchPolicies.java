package dev.dispatchkit.rules;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.DispatchState;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.Transitions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings of the derived flags, and the functions that compute them. Flags are never stored:
 * they follow from a work order's {@link DispatchState} and the clock, so {@link
 * #flags(DispatchState, Instant)} gives the same answer for the same inputs, whatever the JVM's
 * default zone.
 *
 * <pre>{@code
 * DispatchPolicies policies =
 *     DispatchPolicies.builder()
 *         .responseWindow(Priority.URGENT, Duration.ofMinutes(15))
 *         .arrivalWindow(Priority.URGENT, Duration.ofHours(2))
 *         .rescheduleLimit(3)
 *         .build();
 * WorkOrderFlags flags = policies.flags(DispatchState.of(order), clock);
 * }</pre>
 *
 * @param responseWindows how long a provider has to answer, for every priority
 * @param arrivalWindows how long after dispatch the provider is expected on site, for every
 *     priority: the expected date of a dispatch that gives none
 * @param rescheduleLimit how many expected-date changes are tolerated before a work order counts as
 *     rescheduled too often
 * @param responseLeadTime how long before the expected date the provider's answer is due at the
 *     latest, whatever the response window
 * @param maxProposedDateShift how far a date the provider proposes in a reply may move the expected
 *     date; a reply proposing more goes to review
 */
public record DispatchPolicies(
    Map<Priority, Duration> responseWindows,
    Map<Priority, Duration> arrivalWindows,
    int rescheduleLimit,
    Duration responseLeadTime,
    Duration maxProposedDateShift) {

  /** The default response window of an URGENT work order: 30 minutes. */
  public static final Duration DEFAULT_URGENT_RESPONSE = Duration.ofMinutes(30);

  /** The default response window of a NON_URGENT work order: 24 hours. */
  public static final Duration DEFAULT_NON_URGENT_RESPONSE = Duration.ofHours(24);

  /** The default arrival window of an URGENT work order: 4 hours after dispatch. */
  public static final Duration DEFAULT_URGENT_ARRIVAL = Duration.ofHours(4);

  /** The default arrival window of a NON_URGENT work order: 3 days after dispatch. */
  public static final Duration DEFAULT_NON_URGENT_ARRIVAL = Duration.ofDays(3);

  /** The default reschedule limit: 2 changes. */
  public static final int DEFAULT_RESCHEDULE_LIMIT = 2;

  /** The default lead time: the answer is due 2 hours before the expected date at the latest. */
  public static final Duration DEFAULT_RESPONSE_LEAD_TIME = Duration.ofHours(2);

  /** The default bound on a date proposed in a reply: 30 days from the expected date. */
  public static final Duration DEFAULT_MAX_PROPOSED_DATE_SHIFT = Duration.ofDays(30);

  /**
   * @throws ConfigurationException if a priority has no window, a window or the lead time is not
   *     positive, the shift is not positive, or the limit is negative
   */
  public DispatchPolicies {
    Objects.requireNonNull(responseWindows, "responseWindows");
    Objects.requireNonNull(arrivalWindows, "arrivalWindows");
    for (Priority priority : Priority.values()) {
      checkWindow("responseWindow.", priority, responseWindows.get(priority));
      checkWindow("arrivalWindow.", priority, arrivalWindows.get(priority));
    }
    responseWindows = Map.copyOf(responseWindows);
    arrivalWindows = Map.copyOf(arrivalWindows);
    checkLimit(rescheduleLimit);
    checkPositive("responseLeadTime", responseLeadTime);
    checkPositive("maxProposedDateShift", maxProposedDateShift);
  }

  /**
   * URGENT: answer within 30 minutes, on site within 4 hours; NON_URGENT: 24 hours and 3 days; 2
   * reschedules; the answer due 2 hours before the expected date at the latest; a proposed date at
   * most 30 days away.
   */
  public static DispatchPolicies defaults() {
    return builder().build();
  }

  /** A builder that starts from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long a provider has to answer a work order of {@code priority}. */
  public Duration responseWindow(Priority priority) {
    return responseWindows.get(priority);
  }

  /**
   * How long after dispatch a provider is expected on site for a work order of {@code priority}.
   */
  public Duration arrivalWindow(Priority priority) {
    return arrivalWindows.get(priority);
  }

  /**
   * When the provider is expected on site if the dispatch names no date: {@code dispatchedAt} plus
   * the priority's arrival window, rounded up to the next whole minute (expected dates are whole
   * minutes).
   */
  public Instant arrivalDeadline(Priority priority, Instant dispatchedAt) {
    Instant due = dispatchedAt.plus(arrivalWindow(priority));
    Instant minute = due.truncatedTo(ChronoUnit.MINUTES);
    return minute.equals(due) ? due : minute.plus(1, ChronoUnit.MINUTES);
  }

  /**
   * When the provider's answer is due: the earlier of dispatch (or reassignment) plus the response
   * window and the lead time before the expected date, but never before the dispatch itself. An
   * answer due after the technician should be on site would come too late to plan the visit.
   */
  public Instant responseDeadline(DispatchState state) {
    Instant dispatched = state.dispatchedAt();
    Instant byWindow = dispatched.plus(responseWindow(state.priority()));
    Instant byLead = state.expectedDate().instant().minus(responseLeadTime);
    Instant deadline = byLead.isBefore(byWindow) ? byLead : byWindow;
    return deadline.isBefore(dispatched) ? dispatched : deadline;
  }

  /**
   * Whether a date proposed in a reply stays within {@link #maxProposedDateShift()} of the expected
   * date, either way.
   */
  public boolean isProposedDateWithinBound(DispatchState state, Instant proposed) {
    Duration shift = Duration.between(state.expectedDate().instant(), proposed).abs();
    return shift.compareTo(maxProposedDateShift) <= 0;
  }

  /**
   * Whether the work order is still plainly OPEN past its response deadline. A declined work order
   * is not overdue: its provider did answer.
   */
  public boolean isResponseOverdue(DispatchState state, Instant now) {
    return state.status().equals(Status.OPEN) && now.isAfter(responseDeadline(state));
  }

  /**
   * Whether the expected date has passed and nobody is on site: the "red" date. Never for an
   * ON_SITE, COMPLETED or CANCELLED work order.
   */
  public boolean isLate(DispatchState state, Instant now) {
    PrimaryStatus primary = state.status().primary();
    return now.isAfter(state.expectedDate().instant())
        && !state.status().equals(Status.ON_SITE)
        && primary != PrimaryStatus.COMPLETED
        && primary != PrimaryStatus.CANCELLED;
  }

  /** Whether the expected date moved more times than the limit allows. */
  public boolean isRescheduledTooOften(DispatchState state) {
    return state.rescheduleCount() > rescheduleLimit;
  }

  /**
   * Whether the host should offer to reassign the work order: its status allows a reassignment (see
   * {@link Transitions}) and it is declined, response overdue, late, rescheduled too often or
   * undelivered. This is advice: {@link dev.dispatchkit.workorder.WorkOrder#handle} accepts a
   * reassignment whenever the table allows it.
   */
  public boolean isReassignable(DispatchState state, Instant now) {
    return flags(state, now).reassignable();
  }

  /** Every derived flag of the work order in {@code state} at {@code now}. */
  public WorkOrderFlags flags(DispatchState state, Instant now) {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(now, "now");
    boolean overdue = isResponseOverdue(state, now);
    boolean late = isLate(state, now);
    boolean tooOften = isRescheduledTooOften(state);
    boolean declined = state.status().equals(Status.DECLINED);
    boolean reassignAllowed = Transitions.target(state.status(), CommandKind.REASSIGN).isPresent();
    return new WorkOrderFlags(
        overdue,
        late,
        tooOften,
        reassignAllowed && (declined || overdue || late || tooOften || state.undelivered()),
        responseDeadline(state),
        state.undelivered());
  }

  /** Every derived flag of the work order in {@code state} at the clock's current instant. */
  public WorkOrderFlags flags(DispatchState state, Clock clock) {
    return flags(state, clock.instant());
  }

  private static void checkWindow(String kind, Priority priority, Duration window) {
    String setting = kind + priority;
    if (window == null) {
      throw new ConfigurationException(setting, "missing");
    }
    if (window.isZero() || window.isNegative()) {
      throw new ConfigurationException(setting, "must be positive, was " + window);
    }
  }

  private static void checkPositive(String setting, Duration value) {
    if (value == null) {
      throw new ConfigurationException(setting, "missing");
    }
    if (value.isZero() || value.isNegative()) {
      throw new ConfigurationException(setting, "must be positive, was " + value);
    }
  }

  private static void checkLimit(int limit) {
    if (limit < 0) {
      throw new ConfigurationException("rescheduleLimit", "must be 0 or more, was " + limit);
    }
  }

  /** Builds {@link DispatchPolicies}; each setter rejects a bad value at once. Not thread-safe. */
  public static final class Builder {
    private final Map<Priority, Duration> responseWindows = new EnumMap<>(Priority.class);
    private final Map<Priority, Duration> arrivalWindows = new EnumMap<>(Priority.class);
    private int rescheduleLimit = DEFAULT_RESCHEDULE_LIMIT;
    private Duration responseLeadTime = DEFAULT_RESPONSE_LEAD_TIME;
    private Duration maxProposedDateShift = DEFAULT_MAX_PROPOSED_DATE_SHIFT;

    private Builder() {
      responseWindows.put(Priority.URGENT, DEFAULT_URGENT_RESPONSE);
      responseWindows.put(Priority.NON_URGENT, DEFAULT_NON_URGENT_RESPONSE);
      arrivalWindows.put(Priority.URGENT, DEFAULT_URGENT_ARRIVAL);
      arrivalWindows.put(Priority.NON_URGENT, DEFAULT_NON_URGENT_ARRIVAL);
    }

    /**
     * How long a provider has to answer a work order of {@code priority}.
     *
     * @throws ConfigurationException if the window is not positive
     */
    public Builder responseWindow(Priority priority, Duration window) {
      Objects.requireNonNull(priority, "priority");
      checkWindow("responseWindow.", priority, window);
      responseWindows.put(priority, window);
      return this;
    }

    /**
     * How long before the expected date the answer is due at the latest; 2 hours by default.
     *
     * @throws ConfigurationException if not positive
     */
    public Builder responseLeadTime(Duration leadTime) {
      checkPositive("responseLeadTime", leadTime);
      this.responseLeadTime = leadTime;
      return this;
    }

    /**
     * How far a date proposed in a reply may move the expected date; 30 days by default.
     *
     * @throws ConfigurationException if not positive
     */
    public Builder maxProposedDateShift(Duration shift) {
      checkPositive("maxProposedDateShift", shift);
      this.maxProposedDateShift = shift;
      return this;
    }

    /**
     * How long after dispatch a provider is expected on site for a work order of {@code priority},
     * when the dispatch names no expected date.
     *
     * @throws ConfigurationException if the window is not positive
     */
    public Builder arrivalWindow(Priority priority, Duration window) {
      Objects.requireNonNull(priority, "priority");
      checkWindow("arrivalWindow.", priority, window);
      arrivalWindows.put(priority, window);
      return this;
    }

    /**
     * How many expected-date changes are tolerated.
     *
     * @throws ConfigurationException if negative
     */
    public Builder rescheduleLimit(int limit) {
      checkLimit(limit);
      this.rescheduleLimit = limit;
      return this;
    }

    /** The policies. */
    public DispatchPolicies build() {
      return new DispatchPolicies(
          responseWindows, arrivalWindows, rescheduleLimit, responseLeadTime, maxProposedDateShift);
    }
  }
}
