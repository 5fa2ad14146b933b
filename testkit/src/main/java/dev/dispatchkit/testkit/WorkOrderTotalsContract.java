package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.WorkOrder;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The total of a {@link dev.dispatchkit.spi.WorkOrders#list} page, counted up to the query's cap
 * ({@link WorkOrderQuery.Builder#countUpTo}) or exactly ({@link
 * WorkOrderQuery.Builder#exactTotal}). Part of {@link WorkOrdersContract}, which extends it.
 */
public abstract class WorkOrderTotalsContract extends StoreContract {

  /**
   * By default the total is counted up to {@value WorkOrderQuery#DEFAULT_COUNT_CAP}: exact here.
   */
  @Test
  protected void theDefaultCapCountsASmallListExactly() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    WorkOrderQuery query = q(T0).page(0, 5).build();
    assertThat(query.countCap()).isEqualTo(WorkOrderQuery.DEFAULT_COUNT_CAP);
    WorkOrderPage page = readList(query);
    assertThat(page.total()).isEqualTo(orders.size());
    assertThat(page.totalExact()).isTrue();
  }

  /** A cap below the number of matches gives the cap, not exact; the page is unchanged. */
  @Test
  protected void aCapBelowTheMatchesGivesTheCapNotExact() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    int cap = orders.size() - 1;
    WorkOrderPage capped = readList(q(T0).page(0, 5).countUpTo(cap).build());
    assertThat(capped.total()).isEqualTo(cap);
    assertThat(capped.totalExact()).isFalse();
    assertThat(capped.items())
        .containsExactlyElementsOf(readList(q(T0).page(0, 5).exactTotal().build()).items());
    WorkOrderPage tiny = readList(q(T0).page(0, 5).countUpTo(3).build());
    assertThat(tiny.total()).as("never below the page's size").isEqualTo(5);
    assertThat(tiny.totalExact()).isFalse();
  }

  /** A cap equal to the number of matches, or above it, counts them exactly. */
  @Test
  protected void aCapAtOrAboveTheMatchesCountsThemExactly() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    for (int cap : List.of(orders.size(), orders.size() + 1, 1_000_000)) {
      WorkOrderPage page = readList(q(T0).page(0, 5).countUpTo(cap).build());
      assertThat(page.total()).as("cap %d", cap).isEqualTo(orders.size());
      assertThat(page.totalExact()).as("cap %d", cap).isTrue();
    }
  }

  /** The cap applies to the query's filters, and ignores its offset and keyset position. */
  @Test
  protected void theCapCountsTheFilteredMatchesWhateverThePage() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    long open = orders.stream().filter(o -> o.status().primary() == PrimaryStatus.OPEN).count();
    assertThat(open).as("the fixture has open work orders").isGreaterThan(2);
    WorkOrderQuery.Builder filter = q(T0).primaryStatuses(Set.of(PrimaryStatus.OPEN));
    WorkOrderPage first = readList(filter.page(0, 1).countUpTo((int) open - 1).build());
    assertThat(first.total()).isEqualTo(open - 1);
    assertThat(first.totalExact()).isFalse();
    WorkOrderPage exact = readList(filter.page(0, 1).countUpTo((int) open).build());
    assertThat(exact.total()).isEqualTo(open);
    assertThat(exact.totalExact()).isTrue();
    WorkOrderPage next =
        readList(
            filter
                .page(1, 1)
                .after(WorkOrderQuery.After.of(first.items().get(0)))
                .countUpTo((int) open)
                .build());
    assertThat(next.total()).isEqualTo(open);
    assertThat(next.totalExact()).isTrue();
  }

  /** An exact total counts every match, many or few, and says so. */
  @Test
  protected void anExactTotalCountsEveryMatch() {
    List<WorkOrder> orders = variedOrders();
    insertAll(orders);
    WorkOrderQuery query = q(T0).page(0, 2).countUpTo(1).exactTotal().build();
    assertThat(query.countsEveryMatch()).isTrue();
    WorkOrderPage page = readList(query);
    assertThat(page.total()).isEqualTo(orders.size());
    assertThat(page.totalExact()).isTrue();
    WorkOrderPage none = readList(q(T0).siteName("no such site").page(0, 2).exactTotal().build());
    assertThat(none.total()).isZero();
    assertThat(none.totalExact()).isTrue();
  }
}
