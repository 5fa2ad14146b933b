package dev.dispatchkit.internal;

import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.error.DispatchKitException;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The periodic sweep: overdue and late events, and automatic reassignment. */
final class Sweeping {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final Settings s;
  private final UnitOfWork work;
  private final Queries queries;
  private final Dispatching dispatching;

  Sweeping(Settings settings, UnitOfWork work, Queries queries, Dispatching dispatching) {
    this.s = settings;
    this.work = work;
    this.queries = queries;
    this.dispatching = dispatching;
  }

  /** Raises overdue and late events once each, and reassigns where the host chose a fallback. */
  int sweep() {
    Instant at = work.now();
    int raised = 0;
    for (WorkOrderQuery.Flag flag :
        List.of(WorkOrderQuery.Flag.RESPONSE_OVERDUE, WorkOrderQuery.Flag.LATE)) {
      int offset = 0;
      while (true) {
        WorkOrderQuery q =
            WorkOrderQuery.builder(at, s.policies())
                .flags(Set.of(flag))
                .page(offset, WorkOrderQuery.MAX_LIMIT)
                .build();
        WorkOrderPage page = queries.list(q);
        for (WorkOrder o : page.items()) {
          String scope = flag == WorkOrderQuery.Flag.LATE ? "event:late" : "event:response-overdue";
          String mark =
              o.key().subscriber().value()
                  + "/"
                  + o.trackingNumber().value()
                  + "/"
                  + (flag == WorkOrderQuery.Flag.LATE
                      ? o.expectedDate().instant()
                      : o.dispatchedAt());
          if (s.store().inTransaction(tx -> tx.onceMarks().mark(scope, mark, at))) {
            raised++;
            try (MDC.MDCCloseable ignored = UnitOfWork.mdc(o.trackingNumber())) {
              LOG.info("{}", scope);
              UnitOfWork.safely(
                  () -> {
                    if (flag == WorkOrderQuery.Flag.LATE) {
                      s.listener().late(o);
                    } else {
                      s.listener().responseOverdue(o);
                    }
                  });
            }
          }
        }
        offset += page.items().size();
        if (page.items().isEmpty() || offset >= page.total()) {
          break;
        }
      }
    }
    // Collect every page first: reassigning takes an order out of the filter, so paging while
    // reassigning would skip orders.
    List<WorkOrder> reassignable = new ArrayList<>();
    for (int offset = 0; ; ) {
      WorkOrderPage page =
          queries.list(
              WorkOrderQuery.builder(at, s.policies())
                  .flags(Set.of(WorkOrderQuery.Flag.REASSIGNABLE))
                  .page(offset, WorkOrderQuery.MAX_LIMIT)
                  .build());
      reassignable.addAll(page.items());
      offset += page.items().size();
      if (page.items().isEmpty() || offset >= page.total()) {
        break;
      }
    }
    for (WorkOrder o : reassignable) {
      Optional<ProviderId> next = s.fallbackProvider().apply(o);
      if (next.isPresent() && !next.get().equals(o.provider())) {
        try (MDC.MDCCloseable ignored = UnitOfWork.mdc(o.trackingNumber())) {
          reassignAsSeen(o, next.get(), at);
        } catch (ConcurrentUpdateException e) {
          // Changed since the sweep read it (a reply, another instance's sweep): the next sweep
          // judges it again, instead of reassigning on a stale reading.
          LOG.debug("automatic reassignment skipped: the work order changed");
        } catch (DispatchKitException e) {
          LOG.warn("automatic reassignment failed: {}", e.getMessage());
        }
      }
    }
    return raised;
  }

  /** Reassigns a work order only if it is still the version the sweep judged reassignable. */
  private void reassignAsSeen(WorkOrder seen, ProviderId next, Instant at) {
    Committed done =
        s.store()
            .inTransaction(
                tx -> {
                  Committed c = new Committed();
                  WorkOrder after =
                      UnitOfWork.apply(tx, seen, new WorkOrderCommand.Reassign(next), at, c);
                  c.order = dispatching.sendServiceRequest(tx, after, at, c);
                  return c;
                });
    LOG.info("{} applied", CommandKind.REASSIGN);
    done.tell(s);
  }
}
