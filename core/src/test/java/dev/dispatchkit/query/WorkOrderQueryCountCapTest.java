package dev.dispatchkit.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.workorder.WorkOrder;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkOrderQueryCountCapTest {
  private static final Instant AS_OF = Instant.parse("2026-03-02T08:00:00Z");

  private static WorkOrderQuery.Builder builder() {
    return WorkOrderQuery.builder(AS_OF, DispatchPolicies.defaults());
  }

  @Test
  void theDefaultCapIsTenThousand() {
    WorkOrderQuery query = builder().build();
    assertThat(query.countCap()).isEqualTo(10_000).isEqualTo(WorkOrderQuery.DEFAULT_COUNT_CAP);
    assertThat(query.countsEveryMatch()).isFalse();
  }

  @Test
  void countUpToSetsTheCapAndExactTotalRemovesIt() {
    assertThat(builder().countUpTo(1).build().countCap()).isEqualTo(1);
    WorkOrderQuery exact = builder().countUpTo(20).exactTotal().build();
    assertThat(exact.countCap()).isEqualTo(WorkOrderQuery.EXACT_COUNT);
    assertThat(exact.countsEveryMatch()).isTrue();
    assertThat(builder().exactTotal().countUpTo(7).build().countCap()).isEqualTo(7);
  }

  @Test
  void aCapBelowOneIsRejectedAtOnce() {
    for (int cap : List.of(0, -1, Integer.MIN_VALUE)) {
      assertThatThrownBy(() -> builder().countUpTo(cap))
          .isInstanceOf(ValidationException.class)
          .hasMessageContaining("was " + cap);
    }
  }

  @Test
  void aNegativeCapIsNotAQuery() {
    WorkOrderQuery valid = builder().build();
    assertThatThrownBy(
            () ->
                new WorkOrderQuery(
                    null,
                    null,
                    null,
                    valid.priorities(),
                    valid.primaryStatuses(),
                    valid.extendedStatuses(),
                    valid.flags(),
                    AS_OF,
                    valid.policies(),
                    valid.sort(),
                    0,
                    50,
                    null,
                    -1))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("countCap")
        .hasMessageContaining("-1");
  }

  @Test
  void aCountPastTheCapBecomesTheCapNotExact() {
    List<WorkOrder> none = List.of();
    WorkOrderQuery capped = builder().countUpTo(100).build();
    assertThat(WorkOrderPage.counted(none, 101, capped))
        .isEqualTo(new WorkOrderPage(none, 100, false));
    assertThat(WorkOrderPage.counted(none, 100, capped))
        .isEqualTo(new WorkOrderPage(none, 100, true));
    assertThat(WorkOrderPage.counted(none, 99, capped)).isEqualTo(new WorkOrderPage(none, 99));
    WorkOrderQuery exact = builder().exactTotal().build();
    assertThat(WorkOrderPage.counted(none, 5_000_000, exact))
        .isEqualTo(new WorkOrderPage(none, 5_000_000, true));
  }
}
