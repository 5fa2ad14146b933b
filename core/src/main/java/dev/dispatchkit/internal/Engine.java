package dev.dispatchkit.internal;

import dev.dispatchkit.AttachmentException;
import dev.dispatchkit.ConcurrentUpdateException;
import dev.dispatchkit.DispatchKitException;
import dev.dispatchkit.ExpectedDateRejectedException;
import dev.dispatchkit.IllegalTransitionException;
import dev.dispatchkit.InboundResult;
import dev.dispatchkit.MailTransportException;
import dev.dispatchkit.OutboxState;
import dev.dispatchkit.PollResult;
import dev.dispatchkit.ValidationException;
import dev.dispatchkit.message.Notice;
import dev.dispatchkit.message.RenderedMail;
import dev.dispatchkit.reply.InboundAttachment;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.reply.ReplyContext;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.reply.ReplyTarget;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.ReceivedMail;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderPage;
import dev.dispatchkit.spi.WorkOrderQuery;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.Change;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** The use cases behind the DispatchKit facade. */
public final class Engine {

  private static final Logger LOG = LoggerFactory.getLogger("dev.dispatchkit");
  private static final String MDC_KEY = "dispatchkit.tracking";
  private static final int RETRIES = 5;
  private static final Pattern DMARC = Pattern.compile("(?i)\\bdmarc\\s*=\\s*([a-z]+)");

  private final Settings s;
  private final ReplyClassifier classifier;
  private final SecureRandom random = new SecureRandom();

  /** An engine over checked settings. */
  public Engine(Settings settings) {
    this.s = Objects.requireNonNull(settings, "settings");
    this.classifier =
        ReplyClassifier.builder()
            .vocabulary(settings.vocabulary())
            .replyTokens(settings.tokens())
            .build();
  }

  private Instant now() {
    return s.clock().instant();
  }

  /** Runs a use case in one transaction, again from the start after a concurrent update. */
  private <T> T retrying(Function<StoreTransaction, T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return s.store().inTransaction(work);
      } catch (ConcurrentUpdateException e) {
        if (attempt >= RETRIES) {
          throw e;
        }
        LOG.debug("concurrent update of {}, retrying ({})", e.key(), attempt);
      }
    }
  }

  private static MDC.MDCCloseable mdc(TrackingNumber tn) {
    return MDC.putCloseable(MDC_KEY, tn.value());
  }

  // --- dispatch ----------------------------------------------------------------------------------

  /** Creates and sends a work order. */
  public WorkOrder dispatch(WorkOrderCommand.Dispatch command) {
    Objects.requireNonNull(command, "command");
    try (MDC.MDCCloseable ignored = mdc(command.trackingNumber())) {
      Committed done =
          retrying(
              tx -> {
                Instant at = now();
                Change created = WorkOrder.dispatch(command, at);
                Committed c = new Committed();
                c.events.add(created.event());
                WorkOrder order = created.after();
                tx.insert(order);
                tx.append(order.key(), created.event());
                order = sendServiceRequest(tx, order, at, c);
                c.order = order;
                return c;
              });
      LOG.info("dispatched work order to {}", command.provider().value());
      done.tell(s);
      return done.order();
    }
  }

  /** The mail and record of a service request, and the order with its Message-ID recorded. */
  private WorkOrder sendServiceRequest(
      StoreTransaction tx, WorkOrder order, Instant at, Committed c) {
    DispatchPreference pref =
        tx.preference(order.subscriber(), order.provider())
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
    tx.update(after, order.version());
    tx.append(after.key(), recorded.event());
    c.events.add(recorded.event());
    tx.recordDispatch(new DispatchRecord(dispatchId, after.key(), after.provider(), messageId, at));
    RenderedMail mail =
        s.templates().serviceRequest(after, pref.language(), s.policies().responseDeadline(after));
    c.mailQueued = true;
    tx.enqueue(
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

  /** Queues a mail that is not a dispatch. */
  /** Tells the client the provider's answer, in the language of the dispatch preference. */
  private void tellClient(
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

  private void enqueueNotice(
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
    tx.enqueue(
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

  // --- commands ----------------------------------------------------------------------------------

  /** Applies a host command to a work order, in one transaction with its event and mail. */
  public WorkOrder command(WorkOrderKey key, WorkOrderCommand command) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(command, "command");
    try (MDC.MDCCloseable ignored = mdc(key.trackingNumber())) {
      Committed done =
          retrying(
              tx -> {
                Instant at = now();
                WorkOrder before = existing(tx, key);
                Change change = before.handle(command, at);
                Committed c = new Committed();
                WorkOrder after = change.after();
                tx.update(after, before.version());
                tx.append(key, change.event());
                c.events.add(change.event());
                if (command instanceof WorkOrderCommand.Reassign) {
                  after = sendServiceRequest(tx, after, at, c);
                } else if (command instanceof WorkOrderCommand.Accept
                    || command instanceof WorkOrderCommand.Decline) {
                  // An answer given in the portal reaches the client like one given by email.
                  Notice notice =
                      command instanceof WorkOrderCommand.Accept
                          ? Notice.PROVIDER_ACCEPTED
                          : Notice.PROVIDER_DECLINED;
                  WorkOrder answered = after;
                  tx.preference(answered.subscriber(), answered.provider())
                      .ifPresent(pref -> tellClient(tx, c, pref, notice, answered, at));
                } else if (command instanceof WorkOrderCommand.ChangeExpectedDate ced) {
                  Locale language =
                      tx.preference(after.subscriber(), after.provider())
                          .map(DispatchPreference::language)
                          .orElse(Locale.ENGLISH);
                  enqueueNotice(
                      tx,
                      c,
                      MailKind.NOTIFICATION,
                      ced.contactToNotify().email(),
                      s.templates().notice(Notice.EXPECTED_DATE_CHANGED, after, language),
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
  public AttachmentRef addAttachment(
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
      discard(List.of(ref), Set.of());
      throw e;
    }
    return ref;
  }

  private static WorkOrder existing(StoreTransaction tx, WorkOrderKey key) {
    return tx.find(key)
        .orElseThrow(() -> new ValidationException("WorkOrderKey", "no work order " + key));
  }

  // --- inbound -----------------------------------------------------------------------------------

  /** Handles one inbound message. */
  public InboundResult handle(InboundMessage message) {
    Objects.requireNonNull(message, "message");
    String dedupKey = dedupKey(message);
    boolean dmarcFail = dmarcFails(message);
    // Attachment bytes are stored before the transaction and only linked inside it: no attachment
    // I/O runs while the store holds locks, a retry links the same bytes instead of storing them
    // again, and whatever the committed attempt did not link (a rollback, a retry that found the
    // order answered, a duplicate) is deleted afterwards. Only a crash between storing and
    // committing can still leave an orphan, never a work order pointing at missing bytes.
    List<AttachmentRef> staged = stage(message, dedupKey, dmarcFail);
    Committed done;
    try {
      done = retrying(tx -> handleIn(tx, message, dedupKey, dmarcFail, staged));
    } catch (AlreadyRecorded e) {
      discard(staged, Set.of());
      return new InboundResult(InboundResult.Outcome.DUPLICATE, null, null);
    } catch (RuntimeException | Error e) {
      discard(staged, Set.of());
      throw e;
    }
    discard(staged, done.linked);
    if (done.result.key() != null) {
      try (MDC.MDCCloseable ignored = mdc(done.result.key().trackingNumber())) {
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
    Instant at = now();
    if (tx.inbound(dedupKey).isPresent()) {
      c.result = new InboundResult(InboundResult.Outcome.DUPLICATE, null, null);
      return c;
    }
    StoreContext context = new StoreContext(tx);
    ReplyDecision decision = classifier.classify(message, context);
    WorkOrder order = context.order;
    WorkOrderKey key = order == null ? null : order.key();
    String outcome;
    boolean review = false;
    InboundResult.Outcome result;
    Intent intent = decision.intent();
    if (intent == Intent.BOUNCE) {
      markBounce(tx, message);
      outcome = "bounce-recorded";
      result = InboundResult.Outcome.MACHINE_MAIL;
    } else if (intent == Intent.AUTO_REPLY) {
      outcome = "auto-reply-recorded";
      result = InboundResult.Outcome.MACHINE_MAIL;
    } else if (order == null || context.provider == null) {
      outcome = "no-work-order";
      review = true;
      result = InboundResult.Outcome.REVIEW;
    } else if (intent == Intent.UNCLEAR || dmarcFail) {
      review = true;
      result = InboundResult.Outcome.REVIEW;
      outcome = dmarcFail ? "dmarc-fail" : "unclear";
      boolean senderOk = context.allowedSender(message.from());
      if (senderOk && !dmarcFail) {
        if (!decision.replyText().isBlank()
            && order.allowedCommands().contains(CommandKind.ADD_NOTE)) {
          order =
              apply(
                  tx,
                  order,
                  new WorkOrderCommand.AddNote(clip(decision.replyText()), NoteAuthor.PROVIDER),
                  at,
                  c);
        }
        politeOnce(tx, c, Notice.CLARIFICATION, context, message, order, at);
      }
    } else if (context.noLongerAssigned) {
      outcome = "no-longer-assigned";
      result = InboundResult.Outcome.NOT_APPLIED;
      politeOnce(tx, c, Notice.NO_LONGER_ASSIGNED, context, message, order, at);
    } else if (!order.status().equals(Status.OPEN)) {
      outcome = "already-answered";
      result = InboundResult.Outcome.NOT_APPLIED;
      politeOnce(tx, c, Notice.ALREADY_ANSWERED, context, message, order, at);
    } else {
      order = applyDecision(tx, order, decision, staged, at, c);
      outcome = "applied";
      result = InboundResult.Outcome.APPLIED;
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
            review);
    if (!tx.recordInbound(record)) {
      // Another instance recorded it since we looked: undo everything and report a duplicate.
      throw new AlreadyRecorded();
    }
    if (review) {
      c.review = record;
    }
    c.order = order;
    c.result = new InboundResult(result, decision, key);
    return c;
  }

  private WorkOrder applyDecision(
      StoreTransaction tx,
      WorkOrder order,
      ReplyDecision decision,
      List<AttachmentRef> staged,
      Instant at,
      Committed c) {
    DispatchPreference pref = tx.preference(order.subscriber(), order.provider()).orElse(null);
    Locale language = pref == null ? Locale.ENGLISH : pref.language();
    WorkOrder o = order;
    if (decision.intent() == Intent.ACCEPT) {
      o = apply(tx, o, new WorkOrderCommand.Accept(), at, c);
      if (!decision.note().isBlank()) {
        o =
            apply(
                tx,
                o,
                new WorkOrderCommand.AddNote(clip(decision.note()), NoteAuthor.PROVIDER),
                at,
                c);
      }
      if (decision.proposedDate() != null && !o.contacts().isEmpty()) {
        try {
          ExpectedDate date = ExpectedDate.of(decision.proposedDate(), o.site().zone());
          String note = decision.note().isBlank() ? decision.replyText() : decision.note();
          o =
              apply(
                  tx,
                  o,
                  new WorkOrderCommand.ChangeExpectedDate(date, clip(note), o.contacts().get(0)),
                  at,
                  c);
          enqueueNotice(
              tx,
              c,
              MailKind.NOTIFICATION,
              o.contacts().get(0).email(),
              s.templates().notice(Notice.EXPECTED_DATE_CHANGED, o, language),
              null,
              o,
              at);
        } catch (ExpectedDateRejectedException | ValidationException e) {
          // The rule refused the date: the reply's text is already kept as a note.
          LOG.debug("proposed date not applied: {}", e.getMessage());
        }
      }
      o = linkAttachments(tx, o, staged, at, c);
      o = c.order == null ? o : c.order;
      if (pref != null) {
        tellClient(tx, c, pref, Notice.PROVIDER_ACCEPTED, o, at);
      }
    } else {
      String text = decision.note().isBlank() ? null : clip(decision.note());
      o = apply(tx, o, new WorkOrderCommand.Decline(decision.declineReason(), text), at, c);
      if (text != null) {
        o = apply(tx, o, new WorkOrderCommand.AddNote(text, NoteAuthor.PROVIDER), at, c);
      }
      if (pref != null) {
        tellClient(tx, c, pref, Notice.PROVIDER_DECLINED, o, at);
      }
    }
    return c.order == null ? o : c.order;
  }

  /** Links attachments stored before the transaction, as far as the work order takes them. */
  private WorkOrder linkAttachments(
      StoreTransaction tx, WorkOrder order, List<AttachmentRef> staged, Instant at, Committed c) {
    WorkOrder o = order;
    for (AttachmentRef ref : staged) {
      if (!o.allowedCommands().contains(CommandKind.ADD_ATTACHMENT)) {
        break;
      }
      o = apply(tx, o, new WorkOrderCommand.AddAttachment(ref), at, c);
      c.linked.add(ref.id());
    }
    return o;
  }

  /**
   * Stores the attachments of a reply that, as the store stands now, would be applied as an accept;
   * nothing for any other message, so that auto-replies and duplicates cost no storage. The
   * transaction decides again and links them only if it applies the reply.
   */
  private List<AttachmentRef> stage(InboundMessage message, String dedupKey, boolean dmarcFail) {
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
                  if (tx.inbound(dedupKey).isPresent()) {
                    return false;
                  }
                  StoreContext context = new StoreContext(tx);
                  ReplyDecision decision = classifier.classify(message, context);
                  return decision.intent() == Intent.ACCEPT
                      && context.order != null
                      && context.provider != null
                      && !context.noLongerAssigned
                      && context.order.status().equals(Status.OPEN);
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
  private void discard(List<AttachmentRef> stored, Set<String> linked) {
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

  private WorkOrder apply(
      StoreTransaction tx, WorkOrder order, WorkOrderCommand command, Instant at, Committed c) {
    Change change = order.handle(command, at);
    tx.update(change.after(), order.version());
    tx.append(order.key(), change.event());
    c.events.add(change.event());
    c.order = change.after();
    return change.after();
  }

  private static String clip(String text) {
    String t = text.strip();
    return t.length() > 2000 ? t.substring(0, 2000) : t;
  }

  /** Answers a provider once per address, notice and day, so that no mail loop can start. */
  private void politeOnce(
      StoreTransaction tx,
      Committed c,
      Notice notice,
      StoreContext context,
      InboundMessage message,
      WorkOrder order,
      Instant at) {
    // The From header only selects the answer's address: a header that merely normalises to an
    // allowed one ("<DISPATCH@...>") must neither become a recipient nor a second once-per-day key.
    Optional<String> configured = context.configuredAddress(message.from());
    if (configured.isEmpty()) {
      return;
    }
    String to = configured.get();
    String day = LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
    if (!tx.markOnce("notice:" + notice.name(), to.toLowerCase(Locale.ROOT) + "/" + day, at)) {
      return;
    }
    Locale language = context.preference == null ? Locale.ENGLISH : context.preference.language();
    enqueueNotice(
        tx,
        c,
        MailKind.MACHINE_NOTICE,
        to,
        s.templates().notice(notice, order, language),
        message.messageId(),
        order,
        at);
  }

  private void markBounce(StoreTransaction tx, InboundMessage message) {
    Optional<DispatchRecord> record = Optional.empty();
    for (String recipient : message.recipients()) {
      var id = s.tokens().verifyAddress(recipient);
      if (id.isPresent()) {
        record = tx.dispatch(id.getAsLong());
        if (record.isPresent()) {
          break;
        }
      }
    }
    if (record.isEmpty()) {
      List<String> ids = new ArrayList<>();
      if (message.inReplyTo() != null) {
        ids.add(message.inReplyTo());
      }
      ids.addAll(message.references());
      for (String id : ids) {
        record = tx.dispatchByMessageId(id);
        if (record.isPresent()) {
          break;
        }
      }
    }
    record.ifPresent(
        r ->
            tx.preference(r.key().subscriber(), r.provider())
                .ifPresent(p -> tx.savePreference(p.withAddressFailing(true))));
  }

  static String dedupKey(InboundMessage message) {
    if (message.messageId() != null && !message.messageId().isBlank()) {
      return message.messageId();
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {
            String.valueOf(message.from()),
            String.join(",", message.to()),
            message.subject(),
            String.valueOf(message.date()),
            String.valueOf(message.textBody()),
            String.valueOf(message.htmlBody())
          }) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /** Whether a trusted Authentication-Results header says DMARC failed. */
  boolean dmarcFails(InboundMessage message) {
    for (String value : message.headers().all("Authentication-Results")) {
      int semicolon = value.indexOf(';');
      String servId = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
      int space = servId.indexOf(' ');
      if (space >= 0) {
        servId = servId.substring(0, space);
      }
      if (!s.trustedAuthServIds().contains(servId.toLowerCase(Locale.ROOT))) {
        continue;
      }
      Matcher m = DMARC.matcher(value);
      while (m.find()) {
        if (!m.group(1).equalsIgnoreCase("pass") && !m.group(1).equalsIgnoreCase("none")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Finds the work order of a reply in the store, remembering what it found. */
  private final class StoreContext implements ReplyContext {
    private final StoreTransaction tx;
    @Nullable WorkOrder order;
    @Nullable ProviderId provider;
    @Nullable DispatchPreference preference;
    boolean noLongerAssigned;

    StoreContext(StoreTransaction tx) {
      this.tx = tx;
    }

    boolean allowedSender(@Nullable String sender) {
      return configuredAddress(sender).isPresent();
    }

    /** The configured address a sender stands for; answers go there, never to the raw header. */
    Optional<String> configuredAddress(@Nullable String sender) {
      if (sender == null || preference == null) {
        return Optional.empty();
      }
      String normalised = ReplyTarget.normalise(sender);
      return senders(preference).stream()
          .filter(a -> ReplyTarget.normalise(a).equals(normalised))
          .findFirst();
    }

    @Override
    public Optional<ReplyTarget> findByDispatchId(long dispatchId) {
      return tx.dispatch(dispatchId).flatMap(this::target);
    }

    @Override
    public Optional<ReplyTarget> findByMessageId(String messageId) {
      return tx.dispatchByMessageId(messageId).flatMap(this::target);
    }

    @Override
    public Optional<ReplyTarget> findByTrackingNumber(TrackingNumber trackingNumber) {
      List<WorkOrder> found = tx.findByTrackingNumber(trackingNumber);
      if (found.size() != 1) {
        return Optional.empty();
      }
      return target(found.get(0), found.get(0).provider(), false);
    }

    private Optional<ReplyTarget> target(DispatchRecord record) {
      Optional<WorkOrder> found = tx.find(record.key());
      if (found.isEmpty()) {
        return Optional.empty();
      }
      WorkOrder o = found.get();
      // A reply to an older dispatch of a reassigned order speaks for a provider that no longer
      // holds it.
      boolean stale =
          !o.provider().equals(record.provider())
              || (o.dispatchMessageId() != null
                  && !o.dispatchMessageId().equals(record.messageId()));
      return target(o, record.provider(), stale);
    }

    private Optional<ReplyTarget> target(WorkOrder o, ProviderId p, boolean stale) {
      Optional<DispatchPreference> pref = tx.preference(o.subscriber(), p);
      if (pref.isEmpty()) {
        return Optional.empty();
      }
      order = o;
      provider = p;
      preference = pref.get();
      noLongerAssigned = stale;
      return Optional.of(ReplyTarget.of(o.trackingNumber(), senders(pref.get()), o.site().zone()));
    }
  }

  private static Set<String> senders(DispatchPreference pref) {
    Set<String> all = new LinkedHashSet<>();
    all.add(pref.dispatchAddress());
    all.addAll(pref.allowedSenders());
    return all;
  }

  /** Polls a source once; acknowledges each message only after its transaction committed. */
  public PollResult pollOnce(MailSource source, int max) {
    List<PollResult.Item> items = new ArrayList<>();
    for (ReceivedMail mail : source.poll(max)) {
      InboundResult result;
      try {
        result = handle(mail.message());
      } catch (RuntimeException e) {
        LOG.warn("inbound message failed: {}", e.toString());
        source.failed(mail, e);
        items.add(PollResult.Item.failed(mail.message().messageId(), e));
        continue;
      }
      source.acknowledge(mail);
      items.add(PollResult.Item.handled(mail.message().messageId(), result));
    }
    return new PollResult(items);
  }

  // --- queries -----------------------------------------------------------------------------------

  /** The work order with this key. */
  public Optional<WorkOrder> find(WorkOrderKey key) {
    return s.store().inTransaction(tx -> tx.find(key));
  }

  /** Every subscriber's work order with this number. */
  public List<WorkOrder> findByTrackingNumber(TrackingNumber tn) {
    return s.store().inTransaction(tx -> tx.findByTrackingNumber(tn));
  }

  /** A page of work orders. */
  public WorkOrderPage list(WorkOrderQuery query) {
    return s.store().inTransaction(tx -> tx.list(query));
  }

  /** A work order's timeline. */
  public List<WorkOrderEvent> timeline(WorkOrderKey key) {
    return s.store().inTransaction(tx -> tx.timeline(key));
  }

  /** The flags now. */
  public Optional<WorkOrderFlags> flags(WorkOrderKey key) {
    Instant at = now();
    return find(key).map(o -> s.policies().flags(o, at));
  }

  // --- sweep -------------------------------------------------------------------------------------

  /** Raises overdue and late events once each, and reassigns where the host chose a fallback. */
  public int sweep() {
    Instant at = now();
    int raised = 0;
    for (WorkOrderQuery.Flag flag :
        List.of(WorkOrderQuery.Flag.RESPONSE_OVERDUE, WorkOrderQuery.Flag.LATE)) {
      int offset = 0;
      while (true) {
        WorkOrderQuery q =
            WorkOrderQuery.builder(at, s.policies())
                .flags(Set.of(flag))
                .page(offset, WorkOrderQuery.MAX_LIMIT)
                .build();
        WorkOrderPage page = list(q);
        for (WorkOrder o : page.items()) {
          String scope = flag == WorkOrderQuery.Flag.LATE ? "event:late" : "event:response-overdue";
          String mark =
              o.key().subscriber().value()
                  + "/"
                  + o.trackingNumber().value()
                  + "/"
                  + (flag == WorkOrderQuery.Flag.LATE
                      ? o.expectedDate().instant()
                      : o.dispatchedAt());
          if (s.store().inTransaction(tx -> tx.markOnce(scope, mark, at))) {
            raised++;
            try (MDC.MDCCloseable ignored = mdc(o.trackingNumber())) {
              LOG.info("{}", scope);
              safely(
                  () -> {
                    if (flag == WorkOrderQuery.Flag.LATE) {
                      s.listener().late(o);
                    } else {
                      s.listener().responseOverdue(o);
                    }
                  });
            }
          }
        }
        offset += page.items().size();
        if (page.items().isEmpty() || offset >= page.total()) {
          break;
        }
      }
    }
    // Collect every page first: reassigning takes an order out of the filter, so paging while
    // reassigning would skip orders.
    List<WorkOrder> reassignable = new ArrayList<>();
    for (int offset = 0; ; ) {
      WorkOrderPage page =
          list(
              WorkOrderQuery.builder(at, s.policies())
                  .flags(Set.of(WorkOrderQuery.Flag.REASSIGNABLE))
                  .page(offset, WorkOrderQuery.MAX_LIMIT)
                  .build());
      reassignable.addAll(page.items());
      offset += page.items().size();
      if (page.items().isEmpty() || offset >= page.total()) {
        break;
      }
    }
    for (WorkOrder o : reassignable) {
      Optional<ProviderId> next = s.fallbackProvider().apply(o);
      if (next.isPresent() && !next.get().equals(o.provider())) {
        try (MDC.MDCCloseable ignored = mdc(o.trackingNumber())) {
          reassignAsSeen(o, next.get(), at);
        } catch (ConcurrentUpdateException e) {
          // Changed since the sweep read it (a reply, another instance's sweep): the next sweep
          // judges it again, instead of reassigning on a stale reading.
          LOG.debug("automatic reassignment skipped: the work order changed");
        } catch (DispatchKitException e) {
          LOG.warn("automatic reassignment failed: {}", e.getMessage());
        }
      }
    }
    return raised;
  }

  /** Reassigns a work order only if it is still the version the sweep judged reassignable. */
  private void reassignAsSeen(WorkOrder seen, ProviderId next, Instant at) {
    Committed done =
        s.store()
            .inTransaction(
                tx -> {
                  Change change = seen.handle(new WorkOrderCommand.Reassign(next), at);
                  Committed c = new Committed();
                  WorkOrder after = change.after();
                  tx.update(after, seen.version());
                  tx.append(after.key(), change.event());
                  c.events.add(change.event());
                  c.order = sendServiceRequest(tx, after, at, c);
                  return c;
                });
    LOG.info("{} applied", CommandKind.REASSIGN);
    done.tell(s);
  }

  // --- outbox relay ------------------------------------------------------------------------------

  /** Sends due mail once; returns how many were sent. */
  public int relayOutbox(int max) {
    Instant claimedAt = now();
    List<OutboxEntry> claimed =
        s.store().inTransaction(tx -> tx.claimDue(claimedAt, s.lease(), max));
    int sent = 0;
    for (OutboxEntry entry : claimed) {
      try {
        s.mailSender().send(entry.mail());
        Instant at = now();
        s.store()
            .inTransaction(
                tx -> {
                  tx.markSent(entry.id(), at);
                  return null;
                });
        sent++;
      } catch (MailTransportException e) {
        int attempts = entry.attempts() + 1;
        boolean block = e.permanent() || attempts >= s.maxAttempts();
        Instant next = block ? null : now().plus(backoff(attempts));
        String error = e.getMessage() == null ? "send failed" : e.getMessage();
        s.store()
            .inTransaction(
                tx -> {
                  tx.markFailed(entry.id(), error, next);
                  return null;
                });
        if (block) {
          LOG.warn("mail {} blocked after {} attempt(s)", entry.id(), attempts);
          OutboxEntry blocked =
              s.store().inTransaction(tx -> tx.outboxEntry(entry.id())).orElse(entry);
          safely(() -> s.listener().mailBlocked(blocked));
        }
      }
    }
    return sent;
  }

  private Duration backoff(int attempts) {
    Duration d = s.initialBackoff();
    for (int i = 1; i < attempts && d.compareTo(s.maxBackoff()) < 0; i++) {
      d = d.multipliedBy(2);
    }
    return d.compareTo(s.maxBackoff()) > 0 ? s.maxBackoff() : d;
  }

  /** The outbox's counts now. */
  public OutboxState outboxState() {
    return s.store().inTransaction(StoreTransaction::outboxState);
  }

  /** Makes a blocked mail pending again. */
  public boolean releaseBlocked(String outboxId) {
    Instant at = now();
    return s.store().inTransaction(tx -> tx.release(outboxId, at));
  }

  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("listener failed: {}", e.toString());
    }
  }

  /** Rolls back a message another instance recorded first; never leaves the engine. */
  private static final class AlreadyRecorded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    AlreadyRecorded() {
      super(null, null, false, false);
    }
  }

  /** What a committed use case tells the listener. */
  private static final class Committed {
    final List<WorkOrderEvent> events = new ArrayList<>();
    final Set<String> linked = new HashSet<>();
    boolean mailQueued;
    @Nullable WorkOrder order;
    @Nullable InboxRecord review;
    InboundResult result = new InboundResult(InboundResult.Outcome.REVIEW, null, null);

    WorkOrder order() {
      return Objects.requireNonNull(order, "order");
    }

    void tell(Settings s) {
      if (order != null) {
        for (WorkOrderEvent e : events) {
          safely(() -> s.listener().statusChanged(order, e));
        }
      }
      if (review != null) {
        InboxRecord r = review;
        safely(() -> s.listener().reviewNeeded(r));
      }
      if (mailQueued) {
        safely(() -> s.listener().mailQueued());
      }
    }
  }
}
