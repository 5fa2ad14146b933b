package dev.dispatchkit.internal;

import dev.dispatchkit.error.ConcurrentUpdateException;
import dev.dispatchkit.error.DispatchKitException;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The periodic sweep: overdue and late events, and automatic reassignment. */
final class Sweeping {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final Settings s;
  private final UnitOfWork work;
  private final Dispatching dispatching;

  Sweeping(Settings settings, UnitOfWork work, Dispatching dispatching) {
    this.s = settings;
    this.work = work;
    this.dispatching = dispatching;
  }

  /**
   * Raises overdue and late events once each, and reassigns where the host chose a fallback. Every
   * scan reads one page at a time by keyset (expected date, subscriber, tracking number) and
   * commits that page's events before it reads the next, so memory stays within a page however many
   * work orders match. Reassigning leaves the expected date alone, so the position stays right
   * while reassigned orders leave the filter.
   */
  int sweep() {
    Instant at = work.now();
    int raised = 0;
    for (WorkOrderQuery.Flag flag :
        List.of(WorkOrderQuery.Flag.RESPONSE_OVERDUE, WorkOrderQuery.Flag.LATE)) {
      WorkOrderQuery.After after = null;
      while (true) {
        List<WorkOrder> page = page(flag, at, after);
        for (WorkOrder o : page) {
          raised += raise(flag, o, at);
        }
        if (page.size() < WorkOrderQuery.MAX_LIMIT) {
          break;
        }
        after = WorkOrderQuery.After.of(page.get(page.size() - 1));
      }
    }
    WorkOrderQuery.After after = null;
    while (true) {
      List<WorkOrder> page = page(WorkOrderQuery.Flag.REASSIGNABLE, at, after);
      for (WorkOrder o : page) {
        reassignIfChosen(o, at);
      }
      if (page.size() < WorkOrderQuery.MAX_LIMIT) {
        break;
      }
      after = WorkOrderQuery.After.of(page.get(page.size() - 1));
    }
    return raised;
  }

  /**
   * One page of a scan, on the primary: what the sweep reads decides events and reassignments, so a
   * replica's stale copy must not serve it. No count of every match, which the sweep never reads.
   */
  private List<WorkOrder> page(
      WorkOrderQuery.Flag flag, Instant at, WorkOrderQuery.@Nullable After after) {
    WorkOrderQuery query =
        WorkOrderQuery.builder(at, s.policies())
            .flags(Set.of(flag))
            .page(0, WorkOrderQuery.MAX_LIMIT)
            .after(after)
            .build();
    return s.store().inTransaction(tx -> tx.workOrders().listItems(query));
  }

  /** Raises a flag's event for one work order, once: 1 if it was raised now. */
  private int raise(WorkOrderQuery.Flag flag, WorkOrder o, Instant at) {
    String scope = flag == WorkOrderQuery.Flag.LATE ? "event:late" : "event:response-overdue";
    String mark =
        o.key().subscriber().value()
            + "/"
            + o.trackingNumber().value()
            + "/"
            + (flag == WorkOrderQuery.Flag.LATE ? o.expectedDate().instant() : o.dispatchedAt());
    if (!s.store().inTransaction(tx -> tx.onceMarks().mark(scope, mark, at))) {
      return 0;
    }
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
    return 1;
  }

  private void reassignIfChosen(WorkOrder o, Instant at) {
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
