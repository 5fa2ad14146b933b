package dev.dispatchkit;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.error.DuplicateWorkOrderException;
import dev.dispatchkit.error.IllegalTransitionException;
import dev.dispatchkit.error.NotFoundException;
import dev.dispatchkit.error.ReviewResolvedException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.internal.Engine;
import dev.dispatchkit.internal.Settings;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.reply.ReviewDecision;
import dev.dispatchkit.reply.ReviewItem;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.OutboxState;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.NewAttachment;
import dev.dispatchkit.workorder.Note;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.ProgressUpdate;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.io.InputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The one way into DispatchKit: dispatch work orders, handle the providers' replies, run the work
 * orders afterwards, and relay the outbox. Build it once with {@link #builder()}; it is
 * thread-safe, and several instances may share one store.
 *
 * <p>Every command runs in one store transaction with its timeline event and any mail it causes,
 * and is retried from the start when another instance changed the work order meanwhile. Mail is
 * only queued; {@link #relayOutbox()} sends it. Every command that takes a {@link WorkOrderKey}
 * throws {@link NotFoundException} when no work order has it; the queries answer empty instead.
 */
public final class DispatchKit {

  private final Engine engine;
  private final Settings settings;

  DispatchKit(Settings settings) {
    this.settings = settings;
    this.engine = new Engine(settings);
  }

  /** A builder; {@link DispatchKitBuilder#build()} names every missing setting at once. */
  public static DispatchKitBuilder builder() {
    return new DispatchKitBuilder();
  }

  // --- dispatch and replies ----------------------------------------------------------------------

  /**
   * Saves (or replaces) where and how a subscriber dispatches to a provider; {@link #dispatch}
   * needs one for the pair.
   */
  public void savePreference(DispatchPreference preference) {
    engine.savePreference(Objects.requireNonNull(preference, "preference"));
  }

  /** The subscriber's dispatch preference for the provider, if one was saved. */
  public Optional<DispatchPreference> preference(SubscriberId subscriber, ProviderId provider) {
    return engine.preference(
        Objects.requireNonNull(subscriber, "subscriber"),
        Objects.requireNonNull(provider, "provider"));
  }

  /**
   * Creates a work order and queues its service request to the provider, in one transaction.
   *
   * @return the work order, with the Message-ID of its service request recorded
   * @throws DuplicateWorkOrderException when the subscriber already has this tracking number
   * @throws ValidationException when no dispatch preference exists for the subscriber and provider
   */
  public WorkOrder dispatch(WorkOrderCommand.Dispatch command) {
    return engine.dispatch(command);
  }

  /**
   * Handles one inbound message: classifies it, applies a clear decision, records it in the inbox
   * (at most once per Message-ID), and queues any answer, all in one transaction.
   */
  public InboundResult handle(InboundMessage message) {
    return engine.handle(message);
  }

  /**
   * Polls {@code source} once and handles up to {@code max} messages; each is acknowledged only
   * after its transaction committed, and reported as failed otherwise.
   *
   * @return what happened to each message polled
   */
  public PollResult pollOnce(MailSource source, int max) {
    return engine.pollOnce(Objects.requireNonNull(source, "source"), max);
  }

  // --- review queue ------------------------------------------------------------------------------

  /**
   * The replies waiting for a person, oldest first: UNCLEAR replies, replies from a sender not
   * allowed for the work order, replies failing DMARC, replies that answer no known work order, and
   * accepting replies whose proposed date was not applied. Each carries the text as received, so
   * that a person can decide with {@link #resolveReview}. For an operator who sees every
   * subscriber; a client portal uses {@link #reviewQueue(SubscriberId, int)}.
   *
   * @param max the most items returned, at least 1
   * @throws ValidationException when {@code max} is below 1
   */
  public List<ReviewItem> reviewQueue(int max) {
    return engine.reviewQueue().queue(max);
  }

  /**
   * Like {@link #reviewQueue(int)}, but only the items about this subscriber's work orders. Items
   * that answer no known work order belong to no subscriber and are only in {@link
   * #reviewQueue(int)}.
   *
   * @param max the most items returned, at least 1
   * @throws ValidationException when {@code max} is below 1
   */
  public List<ReviewItem> reviewQueue(SubscriberId subscriber, int max) {
    return engine.reviewQueue().queue(Objects.requireNonNull(subscriber, "subscriber"), max);
  }

  /**
   * Records a person's decision about a review item, in one transaction: the item is marked
   * resolved (with the decision and the time by the configured clock) and leaves the queue, and for
   * {@link ReviewDecision#ACCEPT} or {@link ReviewDecision#DECLINE} the work order is accepted or
   * declined as the provider's answer, followed by a system note on its timeline that a person
   * decided from the reply (naming when it came and from whom). The client is emailed as for any
   * answer of the provider. {@link ReviewDecision#IGNORE} only marks the item.
   *
   * <p>A decision applies exactly once: a second resolution of the same item, from this instance or
   * another, even at the same time, throws {@link ReviewResolvedException} and changes nothing.
   * When the work order's status does not allow the command (it was answered meanwhile, or it is an
   * accepting reply already applied), the {@link IllegalTransitionException} propagates and the
   * item stays in the queue, unmarked: resolve it with IGNORE.
   *
   * <p>It does not check who asks: a client portal resolves only the ids it listed with {@link
   * #reviewQueue(SubscriberId, int)} for that client (or checks {@link ReviewItem#key()}).
   *
   * @param itemId the item's {@link ReviewItem#id()}
   * @param note the person's words: the decline text for DECLINE (reason {@code OTHER}), added to
   *     the timeline note for ACCEPT, unused for IGNORE; null or blank for none
   * @return the work order after the decision; for IGNORE the work order as it stands; empty when
   *     the item answers no work order
   * @throws NotFoundException when no item waiting for review has this id ({@link
   *     NotFoundException#reviewItemId()}), or its work order no longer exists
   * @throws ReviewResolvedException when the item was resolved already
   * @throws ValidationException for ACCEPT or DECLINE on an item that answers no work order, or a
   *     note the command refuses (too long, control characters)
   * @throws IllegalTransitionException when the work order's status does not allow the command
   */
  public Optional<WorkOrder> resolveReview(
      String itemId, ReviewDecision decision, @Nullable String note) {
    return engine.reviewQueue().resolve(itemId, decision, note);
  }

  // --- commands ----------------------------------------------------------------------------------

  /** The provider accepts (from a portal or API). */
  public WorkOrder accept(WorkOrderKey key) {
    return engine.command(key, new WorkOrderCommand.Accept());
  }

  /** The provider declines. */
  public WorkOrder decline(
      WorkOrderKey key, @Nullable DeclineReason reason, @Nullable String text) {
    return engine.command(key, new WorkOrderCommand.Decline(reason, text));
  }

  /** Gives the work order to another provider and queues the service request to it. */
  public WorkOrder reassign(WorkOrderKey key, ProviderId newProvider) {
    return engine.command(key, new WorkOrderCommand.Reassign(newProvider));
  }

  /** Moves the expected date; the contact is told by email. */
  public WorkOrder changeExpectedDate(
      WorkOrderKey key, ExpectedDate newDate, String note, ContactPerson contactToNotify) {
    return engine.command(
        key, new WorkOrderCommand.ChangeExpectedDate(newDate, note, contactToNotify));
  }

  /** Adds a note. */
  public WorkOrder addNote(WorkOrderKey key, String text, NoteAuthor author) {
    return engine.command(key, new WorkOrderCommand.AddNote(text, author));
  }

  /**
   * Stores an attachment and adds it to the work order. The file name is made safe, the content
   * type must be allowed, and the content may not pass the size limit. When the work order cannot
   * take it after all (it changed meanwhile), the stored content is deleted again through {@link
   * AttachmentStore#delete(String)}.
   *
   * @throws AttachmentException when the type is not allowed or the content is too large
   */
  public AttachmentRef addAttachment(
      WorkOrderKey key, String fileName, String contentType, InputStream content) {
    return engine.addAttachment(key, fileName, contentType, content);
  }

  /**
   * Adds one note carrying up to {@value Note#MAX_ATTACHMENTS} files. Every file is checked (type
   * allowed, size within the limit) and stored before the note is added; when any file is refused,
   * or the work order cannot take the note, the files already stored are deleted again and nothing
   * is added.
   *
   * @param files the files, in the order they are shown; empty for a note without files
   * @return the work order, its new attachments and the note that carries them at the end
   * @throws AttachmentException with reason {@code TOO_MANY_FILES} for more than {@value
   *     Note#MAX_ATTACHMENTS} files, {@code TYPE_NOT_ALLOWED} or {@code TOO_LARGE} for a bad file
   */
  public WorkOrder addNote(
      WorkOrderKey key, String text, NoteAuthor author, List<NewAttachment> files) {
    return engine.addNote(key, text, author, files);
  }

  // --- NTE increases -----------------------------------------------------------------------------

  /**
   * The provider asks for a higher NTE, with a reason. The client is emailed at the dispatch
   * preference's client address (at the first contact when no preference exists). Only one request
   * is pending at a time: a second one is refused, never replaces the first.
   *
   * @param amount the NTE asked for: positive, in the currency of the NTE in force and above it
   * @param reason why, in the provider's words
   * @return the work order, its request pending
   * @throws ValidationException naming the work order, for a zero amount, another currency or an
   *     amount not above the NTE in force
   * @throws IllegalTransitionException when a request is already pending or the status allows none
   */
  public WorkOrder requestNteIncrease(WorkOrderKey key, Money amount, String reason) {
    return engine.requestNteIncrease(key, amount, reason);
  }

  /**
   * The client approves the pending request: its amount becomes the NTE in force, against which
   * {@link Nte#requireWithin(Money)} judges costs from now on. The provider is emailed at its
   * dispatch address, with the comment.
   *
   * @param comment the client's words to the provider; null for none
   * @throws IllegalTransitionException when no request is pending
   */
  public WorkOrder approveNteIncrease(WorkOrderKey key, @Nullable String comment) {
    return engine.approveNteIncrease(key, comment);
  }

  /**
   * The client rejects the pending request: the NTE stays. The provider is emailed at its dispatch
   * address, with the comment.
   *
   * @param comment why, for the provider
   * @throws IllegalTransitionException when no request is pending
   */
  public WorkOrder rejectNteIncrease(WorkOrderKey key, String comment) {
    return engine.rejectNteIncrease(key, comment);
  }

  /** The technician is on site. */
  public WorkOrder checkIn(WorkOrderKey key) {
    return engine.command(key, new WorkOrderCommand.CheckIn());
  }

  /**
   * The provider reports progress: waiting for parts (IN_PROGRESS/PARTS_ON_ORDER) or a visit that
   * left work to do (IN_PROGRESS/INCOMPLETE), with the provider's note, in one transaction.
   *
   * @param note the provider's words, kept as a provider note; null for none
   * @throws dev.dispatchkit.error.IllegalTransitionException naming the status and the command when
   *     the status does not allow it
   */
  public WorkOrder updateProgress(WorkOrderKey key, ProgressUpdate update, @Nullable String note) {
    return engine.updateProgress(key, Objects.requireNonNull(update, "update"), note);
  }

  /** The provider reports the work done. */
  public WorkOrder complete(WorkOrderKey key) {
    return engine.command(key, new WorkOrderCommand.Complete());
  }

  /** The client confirms the completion. */
  public WorkOrder confirm(WorkOrderKey key) {
    return engine.command(key, new WorkOrderCommand.Confirm());
  }

  /**
   * The client refuses the provider's completion: the work order goes back to
   * IN_PROGRESS/INCOMPLETE and the provider is emailed the reason.
   *
   * @param reason what is still wrong
   * @throws dev.dispatchkit.error.IllegalTransitionException naming the status and the command when
   *     no completion is pending confirmation; nothing changes
   */
  public WorkOrder rejectCompletion(WorkOrderKey key, String reason) {
    return engine.command(key, new WorkOrderCommand.RejectCompletion(reason));
  }

  /** The client cancels. */
  public WorkOrder cancel(WorkOrderKey key, @Nullable String reason) {
    return engine.command(key, new WorkOrderCommand.Cancel(reason));
  }

  // --- queries -----------------------------------------------------------------------------------

  /**
   * The work order of this subscriber with this tracking number. May be served by the store's read
   * replica, and then lag behind the last commit (see {@link
   * dev.dispatchkit.spi.WorkOrderStore#inReadOnlyTransaction}).
   */
  public Optional<WorkOrder> find(SubscriberId subscriber, TrackingNumber trackingNumber) {
    return engine.find(new WorkOrderKey(subscriber, trackingNumber));
  }

  /**
   * Every subscriber's work order with this tracking number. May be served by the store's read
   * replica, and then lag behind the last commit (see {@link
   * dev.dispatchkit.spi.WorkOrderStore#inReadOnlyTransaction}).
   */
  public List<WorkOrder> findByTrackingNumber(TrackingNumber trackingNumber) {
    return engine.findByTrackingNumber(trackingNumber);
  }

  /** A query builder judging flags now, under this instance's policies. */
  public WorkOrderQuery.Builder query() {
    return WorkOrderQuery.builder(settings.clock().instant(), settings.policies());
  }

  /**
   * A page of work orders. May be served by the store's read replica, and then lag behind the last
   * commit (see {@link dev.dispatchkit.spi.WorkOrderStore#inReadOnlyTransaction}).
   */
  public WorkOrderPage list(WorkOrderQuery query) {
    return engine.list(query);
  }

  /**
   * A work order's timeline, oldest first. May be served by the store's read replica, and then lag
   * behind the last commit (see {@link dev.dispatchkit.spi.WorkOrderStore#inReadOnlyTransaction}).
   */
  public List<WorkOrderEvent> timeline(WorkOrderKey key) {
    return engine.timeline(key);
  }

  /**
   * The commands a host may call now; empty for an unknown work order. Kinds DispatchKit runs
   * itself (recording the service request's Message-ID) are never listed. May be served by the
   * store's read replica, and then lag behind the last commit (see {@link
   * dev.dispatchkit.spi.WorkOrderStore#inReadOnlyTransaction}).
   */
  public Set<CommandKind> allowedCommands(WorkOrderKey key) {
    return engine.find(key).map(o -> CommandKind.forHosts(o.allowedCommands())).orElse(Set.of());
  }

  /**
   * The derived flags now; empty for an unknown work order. May be served by the store's read
   * replica, and then lag behind the last commit (see {@link
   * dev.dispatchkit.spi.WorkOrderStore#inReadOnlyTransaction}).
   */
  public Optional<WorkOrderFlags> flags(WorkOrderKey key) {
    return engine.flags(key);
  }

  // --- background work ---------------------------------------------------------------------------

  /**
   * Raises response-overdue and late events once per work order (telling the listener), and
   * reassigns every reassignable work order, page after page, where the fallback provider chooser
   * names one. A work order that changed since the sweep read it (a reply came in, another instance
   * reassigned it) is left for the next sweep to judge again.
   *
   * @return how many events were raised
   */
  public int sweep() {
    return engine.sweep();
  }

  /**
   * Sends due mail from the outbox: claims a batch with a lease, sends each outside the claim's
   * transaction, and marks it sent, retried later with exponential backoff, or blocked.
   *
   * @return how many mails were sent
   */
  public int relayOutbox() {
    return engine.relayOutbox(50);
  }

  /**
   * The outbox now: pending and blocked counts and the oldest pending mail's due time, in one store
   * query, for health checks and metrics.
   */
  public OutboxState outboxState() {
    return engine.outboxState();
  }

  /**
   * Makes a blocked mail pending again.
   *
   * @return false when no blocked mail has this id
   */
  public boolean releaseBlocked(String outboxId) {
    return engine.releaseBlocked(outboxId);
  }
}
