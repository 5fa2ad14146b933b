package dev.dispatchkit.internal;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.message.Notice;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.NteIncreaseRequest;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * NTE increases: the provider asks (by API or by email), the client approves or rejects. Each step
 * runs in one transaction with its timeline event and its mail: the client is told of a request at
 * the dispatch preference's client address (the first contact when there is no preference), the
 * provider of the answer at its dispatch address.
 */
final class NteIncreases {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");

  private final UnitOfWork work;
  private final Notices notices;
  private final Settings s;

  NteIncreases(Settings settings, UnitOfWork work, Notices notices) {
    this.s = settings;
    this.work = work;
    this.notices = notices;
  }

  /** The provider asks for {@code amount} as the new NTE. */
  WorkOrder request(WorkOrderKey key, Money amount, String reason) {
    Objects.requireNonNull(amount, "amount");
    return run(
        key,
        (tx, order, at, c) -> {
          Nte requested = requireAcceptable(order, amount);
          return requestIn(
              tx, order, new WorkOrderCommand.RequestNteIncrease(requested, reason), at, c);
        });
  }

  /** The client grants the pending request: its amount becomes the NTE in force. */
  WorkOrder approve(WorkOrderKey key, @Nullable String comment) {
    WorkOrderCommand.ApproveNteIncrease command = new WorkOrderCommand.ApproveNteIncrease(comment);
    return run(
        key,
        (tx, order, at, c) -> {
          WorkOrder after = UnitOfWork.apply(tx, order, command, at, c);
          tellProvider(tx, c, after, Notice.NTE_INCREASE_APPROVED, comment, at);
          return after;
        });
  }

  /** The client refuses the pending request: the NTE stays. */
  WorkOrder reject(WorkOrderKey key, String comment) {
    WorkOrderCommand.RejectNteIncrease command =
        new WorkOrderCommand.RejectNteIncrease(Objects.requireNonNull(comment, "comment"));
    return run(
        key,
        (tx, order, at, c) -> {
          WorkOrder after = UnitOfWork.apply(tx, order, command, at, c);
          tellProvider(tx, c, after, Notice.NTE_INCREASE_REJECTED, comment, at);
          return after;
        });
  }

  /**
   * Why a request for {@code amount} cannot be made on {@code order} now, or empty when it can.
   * Never throws: the inbound path turns a refusal into a reply a human reads.
   */
  static Optional<String> refusal(WorkOrder order, Money amount) {
    List<String> problems = problems(order, amount);
    if (!problems.isEmpty()) {
      return Optional.of(String.join("; ", problems));
    }
    if (!order.allowedCommands().contains(CommandKind.REQUEST_NTE_INCREASE)) {
      return Optional.of(
          order.pendingNteIncrease() != null
              ? "an NTE increase request is already pending"
              : "no NTE increase can be asked in " + order.status());
    }
    return Optional.empty();
  }

  /**
   * Applies a provider's emailed request, or, when the order cannot take it (not above the NTE in
   * force, a request already pending, a status that allows none), keeps its text as a note for a
   * human to read.
   *
   * @return whether the request was recorded
   */
  boolean byEmail(
      StoreTransaction tx, WorkOrder order, ReplyDecision decision, Instant at, Committed c) {
    Money amount = Objects.requireNonNull(decision.nteAmount(), "an NTE_INCREASE has an amount");
    String text = decision.note().isBlank() ? decision.replyText() : decision.note();
    Optional<String> refusal = refusal(order, amount);
    if (refusal.isEmpty()) {
      requestIn(
          tx,
          order,
          new WorkOrderCommand.RequestNteIncrease(
              new Nte(amount), clip(text, NteIncreaseRequest.MAX_REASON)),
          at,
          c);
      return true;
    }
    LOG.info("NTE increase by email not recorded: {}", refusal.get());
    if (!decision.replyText().isBlank() && order.allowedCommands().contains(CommandKind.ADD_NOTE)) {
      UnitOfWork.apply(
          tx,
          order,
          new WorkOrderCommand.AddNote(clip(decision.replyText(), 2000), NoteAuthor.PROVIDER),
          at,
          c);
    }
    return false;
  }

  private static String clip(String text, int max) {
    String t = text.strip();
    return t.length() > max ? t.substring(0, max).strip() : t;
  }

  /** Applies a request already checked, with its mail to the client. */
  private WorkOrder requestIn(
      StoreTransaction tx,
      WorkOrder order,
      WorkOrderCommand.RequestNteIncrease command,
      Instant at,
      Committed c) {
    WorkOrder after = UnitOfWork.apply(tx, order, command, at, c);
    Optional<DispatchPreference> pref = tx.preferences().find(after.subscriber(), after.provider());
    String to =
        pref.map(DispatchPreference::clientAddress)
            .orElse(after.contacts().isEmpty() ? null : after.contacts().get(0).email());
    if (to != null) {
      Locale language = pref.map(DispatchPreference::language).orElse(Locale.ENGLISH);
      notices.enqueueNotice(
          tx,
          c,
          MailKind.NOTIFICATION,
          to,
          s.templates().notice(Notice.NTE_INCREASE_REQUESTED, after, language),
          null,
          after,
          at);
    }
    return after;
  }

  private static Nte requireAcceptable(WorkOrder order, Money amount) {
    List<String> problems = problems(order, amount);
    if (!problems.isEmpty()) {
      throw new ValidationException("RequestNteIncrease", problems);
    }
    return new Nte(amount);
  }

  private static List<String> problems(WorkOrder order, Money amount) {
    TrackingNumber tn = order.trackingNumber();
    List<String> problems = new ArrayList<>();
    if (amount.isZero()) {
      problems.add("work order " + tn + ": the NTE asked for must be positive, was " + amount);
    } else if (!amount.currency().equals(order.nte().currency())) {
      problems.add(
          "work order "
              + tn
              + ": the NTE asked for is in "
              + amount.currency().getCurrencyCode()
              + ", the NTE in force in "
              + order.nte().currency().getCurrencyCode());
    } else if (!amount.isGreaterThan(order.nte().limit())) {
      problems.add(
          "work order "
              + tn
              + ": the NTE asked for, "
              + amount
              + ", is not above the NTE in force, "
              + order.nte());
    }
    return problems;
  }

  private void tellProvider(
      StoreTransaction tx,
      Committed c,
      WorkOrder order,
      Notice notice,
      @Nullable String comment,
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
                    s.templates().notice(notice, order, pref.language(), comment),
                    null,
                    order,
                    at));
  }

  /** One step of the use case inside its transaction. */
  private interface Step {
    WorkOrder apply(StoreTransaction tx, WorkOrder order, Instant at, Committed c);
  }

  private WorkOrder run(WorkOrderKey key, Step step) {
    Objects.requireNonNull(key, "key");
    try (MDC.MDCCloseable ignored = UnitOfWork.mdc(key.trackingNumber())) {
      Committed done =
          work.retrying(
              tx -> {
                Committed c = new Committed();
                WorkOrder order =
                    tx.workOrders()
                        .find(key)
                        .orElseThrow(
                            () -> new ValidationException("WorkOrderKey", "no work order " + key));
                c.order = step.apply(tx, order, work.now(), c);
                return c;
              });
      LOG.info("{} applied", done.events.get(done.events.size() - 1).kind());
      done.tell(s);
      return done.order();
    }
  }
}
