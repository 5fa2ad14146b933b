package dev.dispatchkit.internal;

import dev.dispatchkit.error.DuplicateMessageException;
import dev.dispatchkit.error.ExpectedDateRejectedException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.message.Notice;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.DispatchState;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Handles one inbound message: dedup, correlate, look up, classify, decide, apply, and the inbox
 * record, all in one transaction.
 */
final class InboundHandling {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final Settings s;
  private final UnitOfWork work;
  private final ReplyClassifier classifier;
  private final AttachmentStaging staging;
  private final Notices notices;
  private final Deliveries deliveries;
  private final NteIncreases nteIncreases;

  InboundHandling(
      Settings settings,
      UnitOfWork work,
      ReplyClassifier classifier,
      AttachmentStaging staging,
      Notices notices,
      NteIncreases nteIncreases) {
    this.s = settings;
    this.work = work;
    this.classifier = classifier;
    this.staging = staging;
    this.notices = notices;
    this.deliveries = new Deliveries(settings);
    this.nteIncreases = nteIncreases;
  }

  /** Handles one inbound message. */
  InboundResult handle(InboundMessage message) {
    Objects.requireNonNull(message, "message");
    String dedupKey = MessageChecks.dedupKey(message);
    boolean dmarcFail = MessageChecks.dmarcFails(message, s.trustedAuthServIds());
    // Attachment bytes are stored before the transaction and only linked inside it: no attachment
    // I/O runs while the store holds locks, a retry links the same bytes instead of storing them
    // again, and whatever the committed attempt did not link (a rollback, a retry that found the
    // order answered, a duplicate) is deleted afterwards. Only a crash between storing and
    // committing can still leave an orphan, never a work order pointing at missing bytes.
    List<AttachmentRef> staged = staging.stage(message, dedupKey, dmarcFail);
    Committed done;
    try {
      done = work.retrying(tx -> handleIn(tx, message, dedupKey, dmarcFail, staged));
    } catch (DuplicateMessageException e) {
      staging.discard(staged, Set.of());
      return new InboundResult(InboundResult.Outcome.DUPLICATE, null, null);
    } catch (RuntimeException | Error e) {
      staging.discard(staged, Set.of());
      throw e;
    }
    staging.discard(staged, done.linked);
    if (done.result.key() != null) {
      try (MDC.MDCCloseable ignored = UnitOfWork.mdc(done.result.key().trackingNumber())) {
        LOG.info(
            "inbound message: {} ({})",
            done.result.outcome(),
            done.result.decision() == null ? "-" : done.result.decision().reason().code());
      }
    } else {
      LOG.info("inbound message without work order: {}", done.result.outcome());
    }
    done.tell(s);
    return done.result;
  }

  private Committed handleIn(
      StoreTransaction tx,
      InboundMessage message,
      String dedupKey,
      boolean dmarcFail,
      List<AttachmentRef> staged) {
    Committed c = new Committed();
    Instant at = work.now();
    if (tx.inbox().find(dedupKey).isPresent()) {
      c.result = new InboundResult(InboundResult.Outcome.DUPLICATE, null, null);
      return c;
    }
    ReplyReading reading = ReplyReading.read(tx, classifier, message);
    ReplyDecision decision = reading.decision();
    FoundOrder found = reading.found();
    WorkOrder order = found == null ? null : found.order();
    WorkOrderKey key = order == null ? null : order.key();
    String outcome;
    boolean review = false;
    InboundResult.Outcome result;
    Intent intent = decision.intent();
    if (intent == Intent.BOUNCE) {
      WorkOrder undelivered = deliveries.recordBounce(tx, message, at, c);
      if (undelivered != null) {
        order = undelivered;
        key = undelivered.key();
      }
      outcome = "bounce-recorded";
      result = InboundResult.Outcome.MACHINE_MAIL;
    } else if (intent == Intent.AUTO_REPLY) {
      outcome = "auto-reply-recorded";
      result = InboundResult.Outcome.MACHINE_MAIL;
    } else if (found == null) {
      outcome = "no-work-order";
      review = true;
      result = InboundResult.Outcome.REVIEW;
    } else if (intent == Intent.UNCLEAR || dmarcFail) {
      review = true;
      result = InboundResult.Outcome.REVIEW;
      outcome = dmarcFail ? "dmarc-fail" : "unclear";
      boolean senderOk = found.allowedSender(message.from());
      if (senderOk && !dmarcFail) {
        if (!decision.replyText().isBlank()
            && order.allowedCommands().contains(CommandKind.ADD_NOTE)) {
          order =
              UnitOfWork.apply(
                  tx,
                  order,
                  new WorkOrderCommand.AddNote(clip(decision.replyText()), NoteAuthor.PROVIDER),
                  at,
                  c);
        }
        notices.politeOnce(tx, c, Notice.CLARIFICATION, found, message, order, at);
      }
    } else if (found.noLongerAssigned()) {
      outcome = "no-longer-assigned";
      result = InboundResult.Outcome.NOT_APPLIED;
      notices.politeOnce(tx, c, Notice.NO_LONGER_ASSIGNED, found, message, order, at);
    } else if (intent == Intent.NTE_INCREASE) {
      // Asked while open or in progress alike; a request the order cannot take goes to review.
      boolean applied = nteIncreases.byEmail(tx, order, decision, at, c);
      order = c.order == null ? order : c.order;
      outcome = applied ? "applied" : "nte-request-refused";
      review = !applied;
      result = applied ? InboundResult.Outcome.APPLIED : InboundResult.Outcome.REVIEW;
    } else if (!order.status().equals(Status.OPEN)) {
      outcome = "already-answered";
      result = InboundResult.Outcome.NOT_APPLIED;
      notices.politeOnce(tx, c, Notice.ALREADY_ANSWERED, found, message, order, at);
    } else {
      order = applyDecision(tx, order, decision, staged, at, c);
      result = InboundResult.Outcome.APPLIED;
      // The accept stands; a date that was proposed but not applied goes to a person to read.
      outcome = c.dateNotApplied == null ? "applied" : c.dateNotApplied;
      review = c.dateNotApplied != null;
    }
    InboxRecord record =
        new InboxRecord(
            dedupKey,
            message.messageId(),
            message.from(),
            at,
            intent,
            decision.reason().code(),
            key,
            outcome,
            review,
            message.subject(),
            // Only a person reads the text: an applied reply keeps its words as a note already.
            review ? ReviewText.of(message, decision) : null,
            null,
            null);
    // Another instance may have recorded it since we looked: that fails the whole unit (at the
    // latest at its commit, with which the store may send it), and it is reported a duplicate.
    tx.inbox().recordLast(record);
    if (review) {
      c.review = record;
    }
    c.order = order;
    c.result = new InboundResult(result, decision, key, c.appliedDate);
    return c;
  }

  private WorkOrder applyDecision(
      StoreTransaction tx,
      WorkOrder order,
      ReplyDecision decision,
      List<AttachmentRef> staged,
      Instant at,
      Committed c) {
    DispatchPreference pref =
        tx.preferences().find(order.subscriber(), order.provider()).orElse(null);
    Locale language = pref == null ? Locale.ENGLISH : pref.language();
    WorkOrder o = order;
    if (decision.intent() == Intent.ACCEPT) {
      o = UnitOfWork.apply(tx, o, new WorkOrderCommand.Accept(), at, c);
      // The note keeps the provider's own words, the accept word included: the decision already
      // records that it was an acceptance, and "pour moi, passage jeudi 14h" alone reads broken.
      if (!decision.note().isBlank()) {
        o = addProviderNote(tx, o, decision, at, c);
      }
      if (decision.proposedDate() != null) {
        o = applyProposedDate(tx, o, decision, language, at, c);
      }
      o = linkAttachments(tx, o, staged, at, c);
      o = c.order == null ? o : c.order;
      if (pref != null) {
        notices.tellClient(tx, c, pref, Notice.PROVIDER_ACCEPTED, o, at);
      }
    } else {
      String text = decision.note().isBlank() ? null : clip(decision.note());
      o =
          UnitOfWork.apply(
              tx, o, new WorkOrderCommand.Decline(decision.declineReason(), text), at, c);
      if (text != null) {
        o = addProviderNote(tx, o, decision, at, c);
      }
      if (pref != null) {
        notices.tellClient(tx, c, pref, Notice.PROVIDER_DECLINED, o, at);
      }
    }
    return c.order == null ? o : c.order;
  }

  private static WorkOrder addProviderNote(
      StoreTransaction tx, WorkOrder order, ReplyDecision decision, Instant at, Committed c) {
    String words = decision.replyText().isBlank() ? decision.note() : decision.replyText();
    return UnitOfWork.apply(
        tx, order, new WorkOrderCommand.AddNote(clip(words), NoteAuthor.PROVIDER), at, c);
  }

  /**
   * Applies the date the provider commits to in its accepting reply, as its commitment rather than
   * a reschedule. It is applied only when the work order has a contact: a date change always tells
   * the client's contact, and a date nobody is told of would surprise the site. A date further than
   * {@code maxProposedDateShift} from the expected one is more likely misread than meant, so a
   * person reads it; {@code c.dateNotApplied} then holds the reason code.
   */
  private WorkOrder applyProposedDate(
      StoreTransaction tx,
      WorkOrder order,
      ReplyDecision decision,
      Locale language,
      Instant at,
      Committed c) {
    if (order.contacts().isEmpty()) {
      LOG.debug("proposed date not applied: the work order has no contact to notify");
      return order;
    }
    ExpectedDate date;
    try {
      date = ExpectedDate.of(Objects.requireNonNull(decision.proposedDate()), order.site().zone());
    } catch (ValidationException e) {
      c.dateNotApplied = "proposed-date-invalid";
      return order;
    }
    if (!s.policies().isProposedDateWithinBound(DispatchState.of(order), date.instant())) {
      c.dateNotApplied = "proposed-date-too-far";
      return order;
    }
    if (date.instant().equals(order.expectedDate().instant())) {
      return order; // the provider confirms the date already expected
    }
    WorkOrder o;
    try {
      String note = decision.note().isBlank() ? decision.replyText() : decision.note();
      o =
          UnitOfWork.apply(
              tx,
              order,
              WorkOrderCommand.ChangeExpectedDate.providerCommitment(
                  date, clip(note), order.contacts().get(0)),
              at,
              c);
    } catch (ExpectedDateRejectedException | ValidationException e) {
      // The rule refused the date (in the past...): the reply's text is already kept as a note.
      LOG.debug("proposed date not applied: {}", e.getMessage());
      c.dateNotApplied = "proposed-date-refused";
      return order;
    }
    notices.enqueueNotice(
        tx,
        c,
        MailKind.NOTIFICATION,
        o.contacts().get(0).email(),
        s.templates().notice(Notice.EXPECTED_DATE_CHANGED, o, language),
        null,
        o,
        at);
    c.appliedDate = date;
    return o;
  }

  /** Links attachments stored before the transaction, as far as the work order takes them. */
  private static WorkOrder linkAttachments(
      StoreTransaction tx, WorkOrder order, List<AttachmentRef> staged, Instant at, Committed c) {
    WorkOrder o = order;
    for (AttachmentRef ref : staged) {
      if (!o.allowedCommands().contains(CommandKind.ADD_ATTACHMENT)) {
        break;
      }
      o = UnitOfWork.apply(tx, o, new WorkOrderCommand.AddAttachment(ref), at, c);
      c.linked.add(ref.id());
    }
    return o;
  }

  private static String clip(String text) {
    String t = text.strip();
    return t.length() > 2000 ? t.substring(0, 2000) : t;
  }
}
