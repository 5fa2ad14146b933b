package dev.dispatchkit.internal;

import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.OutboxState;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.NewAttachment;
import dev.dispatchkit.workorder.NoteAuthor;
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
import org.jspecify.annotations.Nullable;

/**
 * The use cases behind the DispatchKit facade, wired over one set of settings. Each method hands
 * over to the use case that owns it; none holds logic of its own.
 */
public final class Engine {

  private final Dispatching dispatching;
  private final WorkOrderCommands commands;
  private final InboundHandling inbound;
  private final Polling polling;
  private final Sweeping sweeping;
  private final OutboxRelay outbox;
  private final Queries queries;
  private final NteIncreases nteIncreases;
  private final NotesWithFiles notesWithFiles;
  private final ReviewQueue reviewQueue;

  /** An engine over checked settings. */
  public Engine(Settings settings) {
    Objects.requireNonNull(settings, "settings");
    ReplyClassifier classifier =
        ReplyClassifier.builder()
            .vocabulary(settings.vocabulary())
            .replyTokens(settings.tokens())
            .build();
    UnitOfWork work = new UnitOfWork(settings);
    Notices notices = new Notices(settings);
    AttachmentStaging staging = new AttachmentStaging(settings, classifier);
    this.dispatching = new Dispatching(settings, work);
    this.commands = new WorkOrderCommands(settings, work, dispatching, notices, staging);
    this.nteIncreases = new NteIncreases(settings, work, notices);
    this.notesWithFiles = new NotesWithFiles(settings, work, staging);
    this.inbound = new InboundHandling(settings, work, classifier, staging, notices, nteIncreases);
    this.polling = new Polling(inbound, settings.listener(), new QuietInbox(settings));
    this.queries = new Queries(settings, work);
    this.sweeping = new Sweeping(settings, work, dispatching);
    this.outbox = new OutboxRelay(settings, work);
    this.reviewQueue = new ReviewQueue(settings, work, notices);
  }

  /** The replies waiting for a person, and that person's decisions. */
  public ReviewQueue reviewQueue() {
    return reviewQueue;
  }

  /** Saves a dispatch preference. */
  public void savePreference(DispatchPreference preference) {
    dispatching.savePreference(preference);
  }

  /** A subscriber's dispatch preference for a provider. */
  public Optional<DispatchPreference> preference(SubscriberId subscriber, ProviderId provider) {
    return queries.preference(subscriber, provider);
  }

  /** Creates and sends a work order. */
  public WorkOrder dispatch(WorkOrderCommand.Dispatch command) {
    return dispatching.dispatch(command);
  }

  /** Applies a host command to a work order, in one transaction with its event and mail. */
  public WorkOrder command(WorkOrderKey key, WorkOrderCommand command) {
    return commands.command(key, command);
  }

  /** Reports progress with an optional note from the provider, in one transaction. */
  public WorkOrder updateProgress(WorkOrderKey key, ProgressUpdate update, @Nullable String note) {
    return commands.updateProgress(key, update, note);
  }

  /** Stores an attachment, then links it to the work order. */
  public AttachmentRef addAttachment(
      WorkOrderKey key, String fileName, String contentType, InputStream content) {
    return commands.addAttachment(key, fileName, contentType, content);
  }

  /** The provider asks for a higher NTE; the client is told. */
  public WorkOrder requestNteIncrease(WorkOrderKey key, Money amount, String reason) {
    return nteIncreases.request(key, amount, reason);
  }

  /** The client approves the pending NTE increase; the provider is told. */
  public WorkOrder approveNteIncrease(WorkOrderKey key, @Nullable String comment) {
    return nteIncreases.approve(key, comment);
  }

  /** The client rejects the pending NTE increase; the provider is told. */
  public WorkOrder rejectNteIncrease(WorkOrderKey key, String comment) {
    return nteIncreases.reject(key, comment);
  }

  /** Stores up to five files, then adds one note carrying them. */
  public WorkOrder addNote(
      WorkOrderKey key, String text, NoteAuthor author, List<NewAttachment> files) {
    return notesWithFiles.addNote(key, text, author, files);
  }

  /** Handles one inbound message. */
  public InboundResult handle(InboundMessage message) {
    return inbound.handle(message);
  }

  /** Polls a source once; acknowledges each message only after its transaction committed. */
  public PollResult pollOnce(MailSource source, int max) {
    return polling.pollOnce(source, max);
  }

  /** The work order with this key. */
  public Optional<WorkOrder> find(WorkOrderKey key) {
    return queries.find(key);
  }

  /** Every subscriber's work order with this number. */
  public List<WorkOrder> findByTrackingNumber(TrackingNumber tn) {
    return queries.findByTrackingNumber(tn);
  }

  /** A page of work orders. */
  public WorkOrderPage list(WorkOrderQuery query) {
    return queries.list(query);
  }

  /** A work order's timeline. */
  public List<WorkOrderEvent> timeline(WorkOrderKey key) {
    return queries.timeline(key);
  }

  /** The flags now. */
  public Optional<WorkOrderFlags> flags(WorkOrderKey key) {
    return queries.flags(key);
  }

  /** Raises overdue and late events once each, and reassigns where the host chose a fallback. */
  public int sweep() {
    return sweeping.sweep();
  }

  /** Sends due mail once; returns how many were sent. */
  public int relayOutbox(int max) {
    return outbox.relayOutbox(max);
  }

  /** The outbox's counts now. */
  public OutboxState outboxState() {
    return queries.outboxState();
  }

  /** Makes a blocked mail pending again. */
  public boolean releaseBlocked(String outboxId) {
    return outbox.releaseBlocked(outboxId);
  }
}
