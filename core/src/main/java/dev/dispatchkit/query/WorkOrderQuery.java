package dev.dispatchkit.query;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A filtered, paged list of work orders. Every filter that is set must match; an empty set matches
 * everything. The derived flags are judged at {@link #asOf()} under {@link #policies()}, exactly as
 * {@link DispatchPolicies#flags(dev.dispatchkit.workorder.DispatchState, Instant)} judges them.
 *
 * @param subscriber only this subscriber's work orders; null for all
 * @param provider only those assigned to this provider; null for all
 * @param siteName only those at a site of exactly this name; null for all
 * @param priorities only these priorities
 * @param primaryStatuses only these primary statuses
 * @param extendedStatuses only these extended statuses
 * @param flags only work orders that have every one of these flags at {@link #asOf()}
 * @param asOf the instant the flags are judged at
 * @param policies the policies the flags are judged under
 * @param sort the order of the results
 * @param offset how many matching work orders to skip
 * @param limit the most to return, 1 to {@value #MAX_LIMIT}
 * @param after keyset paging: only work orders that come after this position in the query's order;
 *     null to start at the beginning. Unlike an offset, it stays right while earlier rows leave the
 *     filter, and its cost does not grow with the page number
 * @param countCap how many matches {@link dev.dispatchkit.spi.WorkOrders#list} counts at most
 *     (default {@value #DEFAULT_COUNT_CAP}): past it the page's total is the cap and not exact, as
 *     in "1-50 of 10,000+", and counting stops there instead of reading every match; {@value
 *     #EXACT_COUNT} counts them all
 */
public record WorkOrderQuery(
    @Nullable SubscriberId subscriber,
    @Nullable ProviderId provider,
    @Nullable String siteName,
    Set<Priority> priorities,
    Set<PrimaryStatus> primaryStatuses,
    Set<ExtendedStatus> extendedStatuses,
    Set<Flag> flags,
    Instant asOf,
    DispatchPolicies policies,
    Sort sort,
    int offset,
    int limit,
    @Nullable After after,
    int countCap) {

  /** The largest page. */
  public static final int MAX_LIMIT = 500;

  /**
   * The count cap of a query built without {@link Builder#countUpTo} or {@link Builder#exactTotal}.
   */
  public static final int DEFAULT_COUNT_CAP = 10_000;

  /** The {@link #countCap()} of a query whose total counts every match. */
  public static final int EXACT_COUNT = 0;

  /** A derived flag to filter on. */
  public enum Flag {
    /** The expected date has passed and nobody is on site. */
    LATE,
    /** Still open past the priority's response window. */
    RESPONSE_OVERDUE,
    /**
     * Declined, response overdue, late, rescheduled too often or undelivered, and reassignment is
     * allowed.
     */
    REASSIGNABLE,
    /** Rescheduled more often than the policy allows. */
    RESCHEDULED_TOO_OFTEN,
    /** The service request bounced (a stored mark, cleared by a reassignment or an answer). */
    UNDELIVERED
  }

  /** The order of the results; ties are broken by subscriber and tracking number. */
  public enum Sort {
    /** Soonest expected date first. */
    EXPECTED_DATE_ASC,
    /** Latest expected date first. */
    EXPECTED_DATE_DESC
  }

  /**
   * A position in the order of the results: the sort key of the last work order of a page.
   *
   * @param expectedDate the work order's expected date
   * @param subscriber its subscriber
   * @param trackingNumber its tracking number
   */
  public record After(
      Instant expectedDate, SubscriberId subscriber, TrackingNumber trackingNumber) {
    /** Checks that every part is present. */
    public After {
      Objects.requireNonNull(expectedDate, "expectedDate");
      Objects.requireNonNull(subscriber, "subscriber");
      Objects.requireNonNull(trackingNumber, "trackingNumber");
    }

    /** The position of this work order, to read the page that follows it. */
    public static After of(WorkOrder order) {
      return new After(order.expectedDate().instant(), order.subscriber(), order.trackingNumber());
    }
  }

  /** Checks the paging and copies the sets. */
  public WorkOrderQuery {
    priorities = Set.copyOf(priorities);
    primaryStatuses = Set.copyOf(primaryStatuses);
    extendedStatuses = Set.copyOf(extendedStatuses);
    flags = Set.copyOf(flags);
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(policies, "policies");
    Objects.requireNonNull(sort, "sort");
    if (offset < 0) {
      throw new ValidationException("WorkOrderQuery", "offset must be 0 or more, was " + offset);
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new ValidationException(
          "WorkOrderQuery", "limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    if (countCap < 0) {
      throw new ValidationException(
          "WorkOrderQuery", "countCap must be 0 (exact) or more, was " + countCap);
    }
  }

  /** Whether {@link dev.dispatchkit.spi.WorkOrders#list} counts every match: no cap. */
  public boolean countsEveryMatch() {
    return countCap == EXACT_COUNT;
  }

  /** A query with no filter, soonest expected date first, the first 50 results. */
  public static Builder builder(Instant asOf, DispatchPolicies policies) {
    return new Builder(asOf, policies);
  }

  /** Builds a {@link WorkOrderQuery}. Not thread-safe. */
  public static final class Builder {
    private @Nullable SubscriberId subscriber;
    private @Nullable ProviderId provider;
    private @Nullable String siteName;
    private Set<Priority> priorities = Set.of();
    private Set<PrimaryStatus> primaryStatuses = Set.of();
    private Set<ExtendedStatus> extendedStatuses = Set.of();
    private Set<Flag> flags = Set.of();
    private final Instant asOf;
    private final DispatchPolicies policies;
    private Sort sort = Sort.EXPECTED_DATE_ASC;
    private int offset;
    private int limit = 50;
    private @Nullable After after;
    private int countCap = DEFAULT_COUNT_CAP;

    private Builder(Instant asOf, DispatchPolicies policies) {
      this.asOf = Objects.requireNonNull(asOf, "asOf");
      this.policies = Objects.requireNonNull(policies, "policies");
    }

    /** Only this subscriber's work orders. */
    public Builder subscriber(@Nullable SubscriberId subscriber) {
      this.subscriber = subscriber;
      return this;
    }

    /** Only this provider's work orders. */
    public Builder provider(@Nullable ProviderId provider) {
      this.provider = provider;
      return this;
    }

    /** Only work orders at a site of exactly this name. */
    public Builder siteName(@Nullable String siteName) {
      this.siteName = siteName;
      return this;
    }

    /** Only these priorities. */
    public Builder priorities(Set<Priority> priorities) {
      this.priorities = priorities;
      return this;
    }

    /** Only these primary statuses. */
    public Builder primaryStatuses(Set<PrimaryStatus> primaryStatuses) {
      this.primaryStatuses = primaryStatuses;
      return this;
    }

    /** Only these extended statuses. */
    public Builder extendedStatuses(Set<ExtendedStatus> extendedStatuses) {
      this.extendedStatuses = extendedStatuses;
      return this;
    }

    /** Only work orders with every one of these flags. */
    public Builder flags(Set<Flag> flags) {
      this.flags = flags;
      return this;
    }

    /** The order of the results. */
    public Builder sort(Sort sort) {
      this.sort = sort;
      return this;
    }

    /** The page: skip {@code offset} results, return at most {@code limit}. */
    public Builder page(int offset, int limit) {
      this.offset = offset;
      this.limit = limit;
      return this;
    }

    /** Keyset paging: only the work orders after this position; null from the beginning. */
    public Builder after(@Nullable After after) {
      this.after = after;
      return this;
    }

    /**
     * Counts the matches up to {@code cap} only (the default counts up to {@value
     * #DEFAULT_COUNT_CAP}): when more match, the page's total is {@code cap} (or the page's size,
     * if larger) and {@link WorkOrderPage#totalExact()} is false. Counting every match reads an
     * index entry for each, which a large provider's list pays on every page.
     *
     * @throws ValidationException when {@code cap} is less than 1
     */
    public Builder countUpTo(int cap) {
      if (cap < 1) {
        throw new ValidationException("WorkOrderQuery", "countUpTo must be 1 or more, was " + cap);
      }
      this.countCap = cap;
      return this;
    }

    /**
     * Counts every match: the page's total is exact however many match, at the cost of reading them
     * all.
     */
    public Builder exactTotal() {
      this.countCap = EXACT_COUNT;
      return this;
    }

    /**
     * The query.
     *
     * @throws ValidationException when the page is out of range
     */
    public WorkOrderQuery build() {
      return new WorkOrderQuery(
          subscriber,
          provider,
          siteName,
          priorities,
          primaryStatuses,
          extendedStatuses,
          flags,
          asOf,
          policies,
          sort,
          offset,
          limit,
          after,
          countCap);
    }
  }
}
