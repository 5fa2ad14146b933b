package dev.dispatchkit.internal;

import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.ProgressUpdate;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The work under way: progress reported with its note, and a completion the client refuses. */
final class Lifecycle {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final Settings s;
  private final UnitOfWork work;
  private final Notices notices;

  Lifecycle(Settings settings, UnitOfWork work, Notices notices) {
    this.s = settings;
    this.work = work;
    this.notices = notices;
  }

  /** Reports progress and, when given, the provider's note, in one transaction. */
  WorkOrder updateProgress(WorkOrderKey key, ProgressUpdate update, @Nullable String note) {
    Objects.requireNonNull(key, "key");
    WorkOrderCommand progress = new WorkOrderCommand.UpdateProgress(update);
    // Built before the transaction: a bad note is refused before anything changes.
    WorkOrderCommand addNote =
        note == null ? null : new WorkOrderCommand.AddNote(note, NoteAuthor.PROVIDER);
    try (MDC.MDCCloseable ignored = UnitOfWork.mdc(key.trackingNumber())) {
      Committed done =
          work.retrying(
              tx -> {
                Instant at = work.now();
                Committed c = new Committed();
                WorkOrder after =
                    UnitOfWork.apply(tx, WorkOrderCommands.existing(tx, key), progress, at, c);
                if (addNote != null) {
                  UnitOfWork.apply(tx, after, addNote, at, c);
                }
                return c;
              });
      LOG.info("{} applied", progress.kind());
      done.tell(s);
      return done.order();
    }
  }

  /** Tells the provider why the client refused the completion, in the preference's language. */
  void tellCompletionRejected(
      StoreTransaction tx,
      Committed c,
      WorkOrder order,
      WorkOrderCommand.RejectCompletion command,
      Instant at) {
    tx.preferences()
        .find(order.subscriber(), order.provider())
        .ifPresent(
            pref ->
                notices.enqueueNotice(
                    tx,
                    c,
                    MailKind.NOTIFICATION,
                    pref.dispatchAddress(),
                    s.templates().completionRejected(order, pref.language(), command.reason()),
                    order.dispatchMessageId(),
                    order,
                    at));
  }
}
