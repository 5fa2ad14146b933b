package dev.dispatchkit.internal;

import dev.dispatchkit.message.Notice;
import dev.dispatchkit.message.RenderedMail;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.WorkOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Queues the mails that are not dispatches: answers to clients, contacts and providers. */
final class Notices {

  private final Settings s;

  Notices(Settings settings) {
    this.s = settings;
  }

  /** Tells the client the provider's answer, in the language of the dispatch preference. */
  void tellClient(
      StoreTransaction tx,
      Committed c,
      DispatchPreference pref,
      Notice notice,
      WorkOrder order,
      Instant at) {
    enqueueNotice(
        tx,
        c,
        MailKind.NOTIFICATION,
        pref.clientAddress(),
        s.templates().notice(notice, order, pref.language()),
        null,
        order,
        at);
  }

  /** Queues a mail that is not a dispatch. */
  void enqueueNotice(
      StoreTransaction tx,
      Committed c,
      MailKind kind,
      String to,
      RenderedMail mail,
      @Nullable String inReplyTo,
      WorkOrder order,
      Instant at) {
    String id = UUID.randomUUID().toString();
    c.mailQueued = true;
    tx.outbox()
        .enqueue(
            new OutboundMail(
                id,
                id + "@" + s.replyDomain(),
                kind,
                s.fromAddress(),
                null,
                List.of(to),
                mail.subject(),
                mail.text(),
                mail.html(),
                null,
                inReplyTo != null && WorkOrder.isValidMessageId(inReplyTo) ? inReplyTo : null,
                Map.of("X-DispatchKit-Tracking", order.trackingNumber().value())),
            at);
  }

  /** Answers a provider once per address, notice and day, so that no mail loop can start. */
  void politeOnce(
      StoreTransaction tx,
      Committed c,
      Notice notice,
      FoundOrder found,
      InboundMessage message,
      WorkOrder order,
      Instant at) {
    // The From header only selects the answer's address: a header that merely normalises to an
    // allowed one ("<DISPATCH@...>") must neither become a recipient nor a second once-per-day key.
    Optional<String> configured = found.configuredAddress(message.from());
    if (configured.isEmpty()) {
      return;
    }
    String to = configured.get();
    String day = LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    if (!tx.onceMarks()
        .mark("notice:" + notice.name(), to.toLowerCase(Locale.ROOT) + "/" + day, at)) {
      return;
    }
    enqueueNotice(
        tx,
        c,
        MailKind.MACHINE_NOTICE,
        to,
        s.templates().notice(notice, order, found.preference().language()),
        message.messageId(),
        order,
        at);
  }
}
