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
 *         .rescheduleLimit(3)
 *         .build();
 * WorkOrderFlags flags = policies.flags(DispatchState.of(order), clock);
 * }</pre>
 *
 * @param responseWindows how long a provider has to answer, for every priority
 * @param rescheduleLimit how many expected-date changes are tolerated before a work order counts as
 *     rescheduled too often
 * @param responseLeadTime how long before the expected date the provider's answer is due at the
 *     latest, whatever the response window
 * @param maxProposedDateShift how far a date the provider proposes in a reply may move the expected
 *     date; a reply proposing more goes to review
 */
public record DispatchPolicies(
    Map<Priority, Duration> responseWindows,
    int rescheduleLimit,
    Duration responseLeadTime,
    Duration maxProposedDateShift) {

  /** The default response window of an URGENT work order: 30 minutes. */
  public static final Duration DEFAULT_URGENT_RESPONSE = Duration.ofMinutes(30);

  /** The default response window of a NON_URGENT work order: 24 hours. */
  public static final Duration DEFAULT_NON_URGENT_RESPONSE = Duration.ofHours(24);

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
    for (Priority priority : Priority.values()) {
      checkWindow(priority, responseWindows.get(priority));
    }
    responseWindows = Map.copyOf(responseWindows);
    checkLimit(rescheduleLimit);
    checkPositive("responseLeadTime", responseLeadTime);
    checkPositive("maxProposedDateShift", maxProposedDateShift);
  }

  /**
   * Policies with the default lead time and proposed-date bound.
   *
   * @throws ConfigurationException as the canonical constructor
   */
  public DispatchPolicies(Map<Priority, Duration> responseWindows, int rescheduleLimit) {
    this(
        responseWindows,
        rescheduleLimit,
        DEFAULT_RESPONSE_LEAD_TIME,
        DEFAULT_MAX_PROPOSED_DATE_SHIFT);
  }

  /** URGENT 30 minutes, NON_URGENT 24 hours, 2 reschedules, 2 hours lead time, 30 days shift. */
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
   * {@link Transitions}) and it is declined, response overdue, late or rescheduled too often. This
   * is advice: {@link dev.dispatchkit.workorder.WorkOrder#handle} accepts a reassignment whenever
   * the table allows it.
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
        reassignAllowed && (declined || overdue || late || tooOften),
        responseDeadline(state));
  }

  /** Every derived flag of the work order in {@code state} at the clock's current instant. */
  public WorkOrderFlags flags(DispatchState state, Clock clock) {
    return flags(state, clock.instant());
  }

  private static void checkWindow(Priority priority, Duration window) {
    String setting = "responseWindow." + priority;
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
    private int rescheduleLimit = DEFAULT_RESCHEDULE_LIMIT;
    private Duration responseLeadTime = DEFAULT_RESPONSE_LEAD_TIME;
    private Duration maxProposedDateShift = DEFAULT_MAX_PROPOSED_DATE_SHIFT;

    private Builder() {
      responseWindows.put(Priority.URGENT, DEFAULT_URGENT_RESPONSE);
      responseWindows.put(Priority.NON_URGENT, DEFAULT_NON_URGENT_RESPONSE);
    }

    /**
     * How long a provider has to answer a work order of {@code priority}.
     *
     * @throws ConfigurationException if the window is not positive
     */
    public Builder responseWindow(Priority priority, Duration window) {
      Objects.requireNonNull(priority, "priority");
      checkWindow(priority, window);
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
          responseWindows, rescheduleLimit, responseLeadTime, maxProposedDateShift);
    }
  }
}
