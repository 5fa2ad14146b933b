package dev.dispatchkit.query;

import dev.dispatchkit.workorder.WorkOrder;
import java.util.List;

/**
 * One page of a {@link WorkOrderQuery}.
 *
 * @param items the work orders of this page, in the query's order
 * @param total how many work orders match the query in all when {@code totalExact}; otherwise a
 *     lower bound, the query's {@link WorkOrderQuery#countCap() count cap}: more match ("10,000+")
 * @param totalExact whether {@code total} is the number of matches, not the cap
 */
public record WorkOrderPage(List<WorkOrder> items, long total, boolean totalExact) {
  /** Copies the list. */
  public WorkOrderPage {
    items = List.copyOf(items);
    if (total < items.size()) {
      throw new IllegalArgumentException("total " + total + " < page size " + items.size());
    }
  }

  /** A page whose total is exact. */
  public WorkOrderPage(List<WorkOrder> items, long total) {
    this(items, total, true);
  }

  /**
   * The page of {@code query} whose matches were counted up to its cap and one more (every match
   * when it has no cap): a count past the cap becomes the cap, not exact. The total is at least the
   * page's size, since a count read apart from the page can miss rows committed in between.
   *
   * @param items the page
   * @param counted the matches counted, stopped at {@code countCap + 1} or later
   * @param query the query
   */
  public static WorkOrderPage counted(List<WorkOrder> items, long counted, WorkOrderQuery query) {
    if (!query.countsEveryMatch() && counted > query.countCap()) {
      return new WorkOrderPage(items, Math.max(query.countCap(), items.size()), false);
    }
    return new WorkOrderPage(items, Math.max(counted, items.size()), true);
  }
}
