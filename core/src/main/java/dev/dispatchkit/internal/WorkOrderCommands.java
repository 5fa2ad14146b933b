package dev.dispatchkit.internal;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.error.IllegalTransitionException;
import dev.dispatchkit.error.NotFoundException;
import dev.dispatchkit.message.Notice;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The host's commands on a work order, each with its event and mail in one transaction. */
final class WorkOrderCommands {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final Settings s;
  private final UnitOfWork work;
  private final Dispatching dispatching;
  private final Notices notices;
  private final AttachmentStaging staging;
  private final Lifecycle lifecycle;

  WorkOrderCommands(
      Settings settings,
      UnitOfWork work,
      Dispatching dispatching,
      Notices notices,
      AttachmentStaging staging) {
    this.s = settings;
    this.work = work;
    this.dispatching = dispatching;
    this.notices = notices;
    this.staging = staging;
    this.lifecycle = new Lifecycle(settings, work, notices);
  }

  /** Reports progress with an optional note from the provider. */
  WorkOrder updateProgress(
      WorkOrderKey key, dev.dispatchkit.workorder.ProgressUpdate update, @Nullable String note) {
    return lifecycle.updateProgress(key, update, note);
  }

  /** Applies a host command to a work order, in one transaction with its event and mail. */
  WorkOrder command(WorkOrderKey key, WorkOrderCommand command) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(command, "command");
    try (MDC.MDCCloseable ignored = UnitOfWork.mdc(key.trackingNumber())) {
      Committed done =
          work.retrying(
              tx -> {
                Instant at = work.now();
                Committed c = new Committed();
                WorkOrder after = UnitOfWork.apply(tx, existing(tx, key), command, at, c);
                if (command instanceof WorkOrderCommand.Reassign) {
                  after = dispatching.sendServiceRequest(tx, after, at, c);
                } else if (command instanceof WorkOrderCommand.Accept
                    || command instanceof WorkOrderCommand.Decline) {
                  // An answer given in the portal reaches the client like one given by email.
                  Notice notice =
                      command instanceof WorkOrderCommand.Accept
                          ? Notice.PROVIDER_ACCEPTED
                          : Notice.PROVIDER_DECLINED;
                  WorkOrder answered = after;
                  tx.preferences()
                      .find(answered.subscriber(), answered.provider())
                      .ifPresent(pref -> notices.tellClient(tx, c, pref, notice, answered, at));
                } else if (command instanceof WorkOrderCommand.RejectCompletion rc) {
                  lifecycle.tellCompletionRejected(tx, c, after, rc, at);
                } else if (command instanceof WorkOrderCommand.ChangeExpectedDate ced) {
                  Locale language =
                      tx.preferences()
                          .find(after.subscriber(), after.provider())
                          .map(DispatchPreference::language)
                          .orElse(Locale.ENGLISH);
                  notices.enqueueNotice(
                      tx,
                      c,
                      MailKind.NOTIFICATION,
                      ced.contactToNotify().email(),
                      // The contact reads why the date moved, not only that it did.
                      s.templates()
                          .notice(Notice.EXPECTED_DATE_CHANGED, after, language, ced.note()),
                      null,
                      after,
                      at);
                }
                c.order = after;
                return c;
              });
      LOG.info("{} applied", command.kind());
      done.tell(s);
      return done.order();
    }
  }

  /** Stores an attachment, then links it to the work order. */
  AttachmentRef addAttachment(
      WorkOrderKey key, String fileName, String contentType, InputStream content) {
    String type = contentType.strip().toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    if (semicolon >= 0) {
      type = type.substring(0, semicolon).strip();
    }
    if (!s.allowedContentTypes().contains(type)) {
      throw new AttachmentException(
          AttachmentException.Reason.TYPE_NOT_ALLOWED, "type not allowed: " + type, null, null);
    }
    // Fail before storing bytes for a work order that cannot take them.
    WorkOrder order = s.store().inTransaction(tx -> existing(tx, key));
    if (!order.allowedCommands().contains(CommandKind.ADD_ATTACHMENT)) {
      throw new IllegalTransitionException(
          order.trackingNumber(), order.status(), CommandKind.ADD_ATTACHMENT, "not allowed now");
    }
    AttachmentRef ref =
        s.attachments()
            .put(AttachmentRef.safeFileName(fileName), type, content, s.maxAttachmentBytes());
    try {
      command(key, new WorkOrderCommand.AddAttachment(ref));
    } catch (RuntimeException | Error e) {
      // The work order changed since the check (cancelled, completed...): keep no orphan bytes.
      staging.discard(List.of(ref), Set.of());
      throw e;
    }
    return ref;
  }

  static WorkOrder existing(StoreTransaction tx, WorkOrderKey key) {
    return tx.workOrders().find(key).orElseThrow(() -> new NotFoundException(key));
  }
}
