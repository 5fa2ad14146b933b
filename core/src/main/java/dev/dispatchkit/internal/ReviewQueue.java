package dev.dispatchkit.internal;

import dev.dispatchkit.error.NotFoundException;
import dev.dispatchkit.error.ReviewResolvedException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.message.Notice;
import dev.dispatchkit.reply.ReviewDecision;
import dev.dispatchkit.reply.ReviewItem;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.Note;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The replies a person must read, and that person's decision: ACCEPT or DECLINE applied to the work
 * order as the provider's answer, or IGNORE, each marking the inbox record reviewed in the same
 * transaction so that a decision is applied exactly once.
 */
public final class ReviewQueue {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  /** The inbox outcome that says no more than "the classifier was unsure": its reason says more. */
  private static final String UNCLEAR = "unclear";

  private final Settings s;
  private final UnitOfWork work;
  private final Notices notices;

  ReviewQueue(Settings settings, UnitOfWork work, Notices notices) {
    this.s = settings;
    this.work = work;
    this.notices = notices;
  }

  /** Every item waiting, oldest first. */
  public List<ReviewItem> queue(int max) {
    requirePositive(max);
    return s.store().inTransaction(tx -> tx.inbox().needingReview(max)).stream()
        .map(ReviewQueue::item)
        .toList();
  }

  /** The items about this subscriber's work orders, oldest first. */
  public List<ReviewItem> queue(SubscriberId subscriber, int max) {
    Objects.requireNonNull(subscriber, "subscriber");
    requirePositive(max);
    return s.store().inTransaction(tx -> tx.inbox().needingReview(subscriber, max)).stream()
        .map(ReviewQueue::item)
        .toList();
  }

  /** Resolves one item in one transaction; see {@code DispatchKit.resolveReview}. */
  public Optional<WorkOrder> resolve(
      String itemId, ReviewDecision decision, @Nullable String note) {
    Objects.requireNonNull(itemId, "itemId");
    Objects.requireNonNull(decision, "decision");
    String words = note == null || note.isBlank() ? null : note.strip();
    // Built before the transaction so that a note the command refuses fails before any read.
    if (words != null && decision == ReviewDecision.ACCEPT) {
      new WorkOrderCommand.AddNote(words, NoteAuthor.SYSTEM);
    }
    WorkOrderCommand command =
        switch (decision) {
          case ACCEPT -> new WorkOrderCommand.Accept();
          case DECLINE ->
              new WorkOrderCommand.Decline(words == null ? null : DeclineReason.OTHER, words);
          case IGNORE -> null;
        };
    Committed done = work.retrying(tx -> resolveIn(tx, itemId, decision, command, words));
    LOG.info("review item resolved: {}", decision);
    done.tell(s);
    return Optional.ofNullable(done.order);
  }

  private Committed resolveIn(
      StoreTransaction tx,
      String itemId,
      ReviewDecision decision,
      @Nullable WorkOrderCommand command,
      @Nullable String words) {
    Instant at = work.now();
    InboxRecord record =
        tx.inbox().find(itemId).orElseThrow(() -> NotFoundException.reviewItem(itemId));
    if (record.reviewedAt() != null) {
      throw new ReviewResolvedException(itemId, record.reviewOutcome(), record.reviewedAt());
    }
    if (!record.needsReview()) {
      throw NotFoundException.reviewItem(itemId);
    }
    WorkOrderKey key = record.key();
    if (command != null && key == null) {
      throw new ValidationException(
          "resolveReview",
          "review item " + itemId + " answers no work order: only IGNORE resolves it");
    }
    // Marked first: the compare-and-set makes a second resolution (of this or another instance)
    // fail here, before it touches the work order; a refused command below rolls the mark back.
    if (!tx.inbox().markReviewed(itemId, decision.name(), at)) {
      InboxRecord now = tx.inbox().find(itemId).orElse(record);
      throw new ReviewResolvedException(itemId, now.reviewOutcome(), now.reviewedAt());
    }
    Committed c = new Committed();
    if (key == null) {
      return c;
    }
    try (MDC.MDCCloseable ignored = UnitOfWork.mdc(key.trackingNumber())) {
      if (command == null) {
        c.order = tx.workOrders().find(key).orElse(null);
        return c;
      }
      WorkOrder order = WorkOrderCommands.existing(tx, key);
      WorkOrder after = UnitOfWork.apply(tx, order, command, at, c);
      if (after.allowedCommands().contains(CommandKind.ADD_NOTE)) {
        after =
            UnitOfWork.apply(
                tx,
                after,
                new WorkOrderCommand.AddNote(
                    decidedNote(record, decision, words), NoteAuthor.SYSTEM),
                at,
                c);
      }
      // The person's decision stands for the provider's answer: the client hears of it alike.
      Notice notice =
          decision == ReviewDecision.ACCEPT ? Notice.PROVIDER_ACCEPTED : Notice.PROVIDER_DECLINED;
      WorkOrder answered = after;
      tx.preferences()
          .find(answered.subscriber(), answered.provider())
          .ifPresent(pref -> notices.tellClient(tx, c, pref, notice, answered, at));
      c.order = c.order == null ? after : c.order;
      return c;
    }
  }

  /**
   * The timeline's record that a person, not the classifier, decided: which reply, when it came,
   * and, for ACCEPT, the person's note (a DECLINE already carries it as its text).
   */
  static String decidedNote(InboxRecord record, ReviewDecision decision, @Nullable String words) {
    StringBuilder text =
        new StringBuilder(decision == ReviewDecision.ACCEPT ? "Accepted" : "Declined")
            .append(" by a person who read the reply received ")
            .append(record.receivedAt());
    if (record.from() != null) {
      text.append(" from ").append(record.from());
    }
    text.append(" (review item ").append(record.dedupKey()).append(").");
    if (decision == ReviewDecision.ACCEPT && words != null) {
      text.append("\n").append(words);
    }
    String t = text.toString();
    return t.length() > Note.MAX_TEXT ? t.substring(0, Note.MAX_TEXT) : t;
  }

  /** The item a person reads, from its inbox record. */
  static ReviewItem item(InboxRecord r) {
    String reason = UNCLEAR.equals(r.outcome()) ? r.reason() : r.outcome();
    return new ReviewItem(
        r.dedupKey(),
        r.receivedAt(),
        r.from(),
        r.subject(),
        r.text() == null ? "" : r.text(),
        r.intent(),
        reason,
        r.key());
  }

  private static void requirePositive(int max) {
    if (max < 1) {
      throw new ValidationException("reviewQueue", "max must be at least 1, was " + max);
    }
  }
}
