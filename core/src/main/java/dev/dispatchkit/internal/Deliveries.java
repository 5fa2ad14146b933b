package dev.dispatchkit.internal;

import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Whether service requests reach their providers: a bounce that maps back to a dispatch marks the
 * address failing and the work order undelivered; a later dispatch sent to the address clears the
 * failing mark.
 */
final class Deliveries {

  private final Settings s;

  Deliveries(Settings settings) {
    this.s = settings;
  }

  /**
   * Records a bounce: the dispatch preference's address is marked failing and, when the bounce is
   * about the work order's current service request, the work order is marked undelivered.
   *
   * @return the work order marked undelivered, or null when none was
   */
  @Nullable WorkOrder recordBounce(
      StoreTransaction tx, InboundMessage message, Instant at, Committed c) {
    Optional<DispatchRecord> found = bouncedDispatch(tx, message);
    if (found.isEmpty()) {
      return null;
    }
    DispatchRecord record = found.get();
    tx.preferences()
        .find(record.key().subscriber(), record.provider())
        .ifPresent(p -> tx.preferences().save(p.withAddressFailing(true)));
    WorkOrder order = tx.workOrders().find(record.key()).orElse(null);
    // A bounce of an earlier provider's request, or of one the provider already answered, leaves
    // the work order alone: only the request in force can make it undelivered.
    if (order == null
        || !order.provider().equals(record.provider())
        || !record.messageId().equals(order.dispatchMessageId())
        || !order.allowedCommands().contains(CommandKind.MARK_UNDELIVERED)) {
      return null;
    }
    WorkOrder after = UnitOfWork.apply(tx, order, new WorkOrderCommand.MarkUndelivered(), at, c);
    c.undelivered = after;
    return after;
  }

  /**
   * After a service request was sent: clears the failing mark of its preference when the request
   * went to the preference's dispatch address.
   */
  static void sent(StoreTransaction tx, OutboundMail mail) {
    if (mail.kind() != MailKind.DISPATCH) {
      return;
    }
    tx.dispatches()
        .findByMessageId(mail.messageId())
        .flatMap(r -> tx.preferences().find(r.key().subscriber(), r.provider()))
        .filter(p -> p.addressFailing() && sentTo(mail, p.dispatchAddress()))
        .ifPresent(p -> tx.preferences().save(p.withAddressFailing(false)));
  }

  private static boolean sentTo(OutboundMail mail, String address) {
    String wanted = address.toLowerCase(Locale.ROOT);
    return mail.to().stream().anyMatch(to -> to.toLowerCase(Locale.ROOT).equals(wanted));
  }

  /** The dispatch a bounce names: by the VERP token of its recipient, else by Message-ID. */
  private Optional<DispatchRecord> bouncedDispatch(StoreTransaction tx, InboundMessage message) {
    for (String recipient : message.recipients()) {
      var id = s.tokens().verifyAddress(recipient);
      if (id.isPresent()) {
        Optional<DispatchRecord> record = tx.dispatches().find(id.getAsLong());
        if (record.isPresent()) {
          return record;
        }
      }
    }
    List<String> ids = new ArrayList<>();
    if (message.inReplyTo() != null) {
      ids.add(message.inReplyTo());
    }
    ids.addAll(message.references());
    for (String id : ids) {
      Optional<DispatchRecord> record = tx.dispatches().findByMessageId(id);
      if (record.isPresent()) {
        return record;
      }
    }
    return Optional.empty();
  }
}
