package dev.dispatchkit.internal;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.reply.InboundAttachment;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps attachment I/O out of transactions: bytes are stored before the transaction that links
 * them, and whatever no committed work order links is deleted afterwards.
 */
final class AttachmentStaging {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final Settings s;
  private final ReplyClassifier classifier;

  AttachmentStaging(Settings settings, ReplyClassifier classifier) {
    this.s = settings;
    this.classifier = classifier;
  }

  /**
   * Stores the attachments of a reply that, as the store stands now, would be applied as an accept;
   * nothing for any other message, so that auto-replies and duplicates cost no storage. The
   * transaction decides again and links them only if it applies the reply.
   */
  List<AttachmentRef> stage(InboundMessage message, String dedupKey, boolean dmarcFail) {
    List<InboundAttachment> parts = new ArrayList<>();
    for (InboundAttachment part : message.attachments()) {
      String type = part.contentType().toLowerCase(Locale.ROOT);
      if (s.allowedContentTypes().contains(type) && part.size() <= s.maxAttachmentBytes()) {
        parts.add(part);
      } else {
        LOG.debug("attachment skipped: {}", type);
      }
    }
    if (parts.isEmpty() || dmarcFail) {
      return List.of();
    }
    boolean wouldApply =
        s.store()
            .inTransaction(
                tx -> {
                  if (tx.inbox().find(dedupKey).isPresent()) {
                    return false;
                  }
                  ReplyReading reading = ReplyReading.read(tx, classifier, message);
                  FoundOrder found = reading.found();
                  return reading.decision().intent() == Intent.ACCEPT
                      && found != null
                      && !found.noLongerAssigned()
                      && found.order().status().equals(Status.OPEN);
                });
    if (!wouldApply) {
      return List.of();
    }
    List<AttachmentRef> stored = new ArrayList<>();
    for (InboundAttachment part : parts) {
      String type = part.contentType().toLowerCase(Locale.ROOT);
      String name =
          AttachmentRef.safeFileName(part.fileName() == null ? "attachment" : part.fileName());
      try (InputStream in = part.content().open()) {
        stored.add(s.attachments().put(name, type, in, s.maxAttachmentBytes()));
      } catch (IOException | AttachmentException e) {
        LOG.warn("attachment not kept: {}", e.getMessage());
      } catch (RuntimeException | Error e) {
        discard(stored, Set.of());
        throw e;
      }
    }
    return List.copyOf(stored);
  }

  /** Deletes stored attachments that no committed work order refers to. */
  void discard(List<AttachmentRef> stored, Set<String> linked) {
    for (AttachmentRef ref : stored) {
      if (!linked.contains(ref.id())) {
        try {
          s.attachments().delete(ref.id());
        } catch (RuntimeException e) {
          LOG.warn("unlinked attachment {} not deleted: {}", ref.id(), e.toString());
        }
      }
    }
  }
}
