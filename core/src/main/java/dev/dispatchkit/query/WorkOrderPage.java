package dev.dispatchkit.query;

import dev.dispatchkit.workorder.WorkOrder;
import java.util.List;

/**
 * One page of a {@link WorkOrderQuery}.
 *
 * @param items the work orders of this page, in the query's order
 * @param total how many work orders match the query in all
 */
public record WorkOrderPage(List<WorkOrder> items, long total) {
  /** Copies the list. */
  public WorkOrderPage {
    items = List.copyOf(items);
    if (total < items.size()) {
      throw new IllegalArgumentException("total " + total + " < page size " + items.size());
    }
  }
}
