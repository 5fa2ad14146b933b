package dev.dispatchkit.internal;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.error.IllegalTransitionException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.NewAttachment;
import dev.dispatchkit.workorder.Note;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.MDC;

/**
 * A note carrying several files: every file is checked, then stored, then linked with the note in
 * one transaction. Whatever fails on the way deletes the bytes stored so far.
 */
final class NotesWithFiles {

  private final Settings s;
  private final UnitOfWork work;
  private final AttachmentStaging staging;

  NotesWithFiles(Settings settings, UnitOfWork work, AttachmentStaging staging) {
    this.s = settings;
    this.work = work;
    this.staging = staging;
  }

  /** The media type without parameters, in lower case, when the host allows it; else null. */
  static String allowedType(Settings s, String contentType) {
    String type = contentType.strip().toLowerCase(Locale.ROOT);
    int semicolon = type.indexOf(';');
    if (semicolon >= 0) {
      type = type.substring(0, semicolon).strip();
    }
    return s.allowedContentTypes().contains(type) ? type : null;
  }

  WorkOrder addNote(WorkOrderKey key, String text, NoteAuthor author, List<NewAttachment> files) {
    Objects.requireNonNull(key, "key");
    List<NewAttachment> list = List.copyOf(files);
    String tn = key.trackingNumber().value();
    if (list.size() > Note.MAX_ATTACHMENTS) {
      throw new AttachmentException(
          AttachmentException.Reason.TOO_MANY_FILES,
          "work order "
              + tn
              + ": a note carries at most "
              + Note.MAX_ATTACHMENTS
              + " files, not "
              + list.size(),
          null,
          null);
    }
    // Check the text and every type before a byte is stored.
    new WorkOrderCommand.AddNote(text, author);
    List<String> types = new ArrayList<>();
    for (NewAttachment file : list) {
      String type = allowedType(s, file.contentType());
      if (type == null) {
        throw new AttachmentException(
            AttachmentException.Reason.TYPE_NOT_ALLOWED,
            "work order "
                + tn
                + ": type of "
                + file.fileName()
                + " not allowed: "
                + file.contentType(),
            null,
            null);
      }
      types.add(type);
    }
    try (MDC.MDCCloseable ignored = UnitOfWork.mdc(key.trackingNumber())) {
      WorkOrder order = s.store().inTransaction(tx -> existing(tx, key));
      requireAllowed(order, CommandKind.ADD_NOTE);
      if (!list.isEmpty()) {
        requireAllowed(order, CommandKind.ADD_ATTACHMENT);
      }
      List<AttachmentRef> stored = new ArrayList<>();
      Committed done;
      try {
        for (int i = 0; i < list.size(); i++) {
          stored.add(store(tn, list.get(i), types.get(i)));
        }
        done =
            work.retrying(
                tx -> {
                  Committed c = new Committed();
                  Instant at = work.now();
                  WorkOrder o = existing(tx, key);
                  List<String> ids = new ArrayList<>();
                  for (AttachmentRef ref : stored) {
                    o = UnitOfWork.apply(tx, o, new WorkOrderCommand.AddAttachment(ref), at, c);
                    ids.add(ref.id());
                  }
                  UnitOfWork.apply(tx, o, new WorkOrderCommand.AddNote(text, author, ids), at, c);
                  return c;
                });
      } catch (RuntimeException | Error e) {
        // A later file was refused, or the order changed meanwhile: keep no orphan bytes.
        staging.discard(stored, Set.of());
        throw e;
      }
      done.tell(s);
      return done.order();
    }
  }

  private AttachmentRef store(String tn, NewAttachment file, String type) {
    try (InputStream in = file.content().open()) {
      return s.attachments()
          .put(AttachmentRef.safeFileName(file.fileName()), type, in, s.maxAttachmentBytes());
    } catch (IOException e) {
      throw new AttachmentException(
          AttachmentException.Reason.STORAGE_FAILED,
          "work order " + tn + ": cannot read " + file.fileName() + ": " + e.getMessage(),
          null,
          e);
    } catch (AttachmentException e) {
      throw new AttachmentException(
          e.reason(),
          "work order " + tn + ", file " + file.fileName() + ": " + e.getMessage(),
          e.attachmentId(),
          e);
    }
  }

  private static void requireAllowed(WorkOrder order, CommandKind kind) {
    if (!order.allowedCommands().contains(kind)) {
      throw new IllegalTransitionException(
          order.trackingNumber(), order.status(), kind, "not allowed now");
    }
  }

  private static WorkOrder existing(StoreTransaction tx, WorkOrderKey key) {
    return tx.workOrders()
        .find(key)
        .orElseThrow(() -> new ValidationException("WorkOrderKey", "no work order " + key));
  }
}
