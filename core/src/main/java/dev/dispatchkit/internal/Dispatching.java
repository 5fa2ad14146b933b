package dev.dispatchkit.internal;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.message.RenderedMail;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.Change;
import dev.dispatchkit.workorder.DispatchState;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Creates work orders and sends the service-request mail, for a dispatch or a reassignment. */
final class Dispatching {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final Settings s;
  private final UnitOfWork work;
  private final SecureRandom random = new SecureRandom();

  Dispatching(Settings settings, UnitOfWork work) {
    this.s = settings;
    this.work = work;
  }

  /** Saves a dispatch preference in a transaction of its own. */
  void savePreference(DispatchPreference preference) {
    s.store()
        .inTransaction(
            tx -> {
              tx.preferences().save(preference);
              return null;
            });
  }

  /** Creates and sends a work order. */
  WorkOrder dispatch(WorkOrderCommand.Dispatch command) {
    Objects.requireNonNull(command, "command");
    try (MDC.MDCCloseable ignored = UnitOfWork.mdc(command.trackingNumber())) {
      Committed done =
          work.retrying(
              tx -> {
                Instant at = work.now();
                Change created = WorkOrder.dispatch(withExpectedDate(command, at), at);
                Committed c = new Committed();
                c.events.add(created.event());
                WorkOrder order = created.after();
                tx.workOrders().insert(order);
                tx.timeline().append(order.key(), created.event());
                order = sendServiceRequest(tx, order, at, c);
                c.order = order;
                return c;
              });
      LOG.info("dispatched work order to {}", command.provider().value());
      done.tell(s);
      return done.order();
    }
  }

  /** The command with its expected date: the one given, else the priority's arrival deadline. */
  private WorkOrderCommand.Dispatch withExpectedDate(
      WorkOrderCommand.Dispatch command, Instant at) {
    if (command.expectedDate() != null) {
      return command;
    }
    Instant due = s.policies().arrivalDeadline(command.priority(), at);
    return new WorkOrderCommand.Dispatch(
        command.trackingNumber(),
        command.subscriber(),
        command.provider(),
        command.site(),
        command.problem(),
        command.priority(),
        command.nte(),
        ExpectedDate.ofInstant(due, command.site().zone()),
        command.contacts());
  }

  /** The mail and record of a service request, and the order with its Message-ID recorded. */
  WorkOrder sendServiceRequest(StoreTransaction tx, WorkOrder order, Instant at, Committed c) {
    DispatchPreference pref =
        tx.preferences()
            .find(order.subscriber(), order.provider())
            .orElseThrow(
                () ->
                    new ValidationException(
                        "Dispatch",
                        "no dispatch preference for subscriber "
                            + order.subscriber().value()
                            + " and provider "
                            + order.provider().value()));
    long dispatchId = random.nextLong();
    String outboxId = UUID.randomUUID().toString();
    String messageId = outboxId + "@" + s.replyDomain();
    Change recorded = order.handle(new WorkOrderCommand.RecordDispatchMessage(messageId), at);
    WorkOrder after = recorded.after();
    tx.workOrders().update(after, order.version());
    tx.timeline().append(after.key(), recorded.event());
    c.events.add(recorded.event());
    tx.dispatches()
        .record(new DispatchRecord(dispatchId, after.key(), after.provider(), messageId, at));
    RenderedMail mail =
        s.templates()
            .serviceRequest(
                after, pref.language(), s.policies().responseDeadline(DispatchState.of(after)));
    c.mailQueued = true;
    tx.outbox()
        .enqueue(
            new OutboundMail(
                outboxId,
                messageId,
                MailKind.DISPATCH,
                s.fromAddress(),
                s.tokens().address(s.replyLocalPart(), s.replyDomain(), dispatchId),
                List.of(pref.dispatchAddress()),
                mail.subject(),
                mail.text(),
                mail.html(),
                null,
                null,
                Map.of("X-DispatchKit-Tracking", after.trackingNumber().value())),
            at);
    return after;
  }
}
