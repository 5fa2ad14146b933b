package dev.dispatchkit.mail;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.mail.internal.ContentFetch;
import dev.dispatchkit.mail.internal.FolderScan;
import dev.dispatchkit.mail.internal.ImapIdle;
import dev.dispatchkit.mail.internal.RawParser;
import dev.dispatchkit.mail.internal.ReconnectBackoff;
import dev.dispatchkit.mail.internal.SpoolLedger;
import dev.dispatchkit.mail.internal.UidCommands;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.FolderNotFoundException;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads replies from an IMAP folder with Jakarta Mail.
 *
 * <p>{@link #poll(int)} walks the folder in windows of UIDs, never listing it whole (see
 * docs/mail.md, "Big mailboxes"). It reads each waiting message's UID, size, flags and envelope
 * first, then its content with {@code BODY.PEEK[]}, so that nothing is marked {@code \Seen} before
 * the core has handled it, and parses it with a {@link MimeParser}. A message larger than {@link
 * Builder#maxMessageSize(long)} is set aside before its content is fetched; one the parser cannot
 * read is set aside at once; one whose handling {@linkplain #failed failed} {@link
 * Builder#maxFailures(int)} times is set aside then. Setting aside means moving it to the
 * quarantine folder and telling the host through {@link Builder#onQuarantine(Consumer)}.
 *
 * <p>{@link #acknowledge} moves a message to the processed folder: with {@code UID MOVE} where the
 * server offers it, otherwise by copy, {@code \Deleted} and expunge ({@code UID EXPUNGE} with
 * UIDPLUS; a plain {@code EXPUNGE} also removes whatever else is flagged {@code \Deleted} in the
 * folder). Where the folders cannot be created, it flags the message {@code \Seen} and {@value
 * #PROCESSED_KEYWORD} (or {@value #QUARANTINED_KEYWORD}) instead, and polls skip such messages.
 *
 * <p>Every command names its messages by UID, never by sequence number, so several sources (one per
 * instance of a host) may poll one mailbox: a message another source acknowledged or quarantined in
 * the meantime is skipped by a poll, and acknowledging or failing it does nothing. The core's inbox
 * makes a message two sources both returned count once.
 *
 * <p>A receipt names the folder, its UIDVALIDITY and the UID. When the UIDVALIDITY changes, every
 * message in the folder is delivered again (the core's inbox skips those already applied), and a
 * receipt with the old UIDVALIDITY is ignored: its UID may now name another message.
 *
 * <p>A dropped connection is reopened by the next call; when reconnecting fails, further attempts
 * wait an exponentially growing {@linkplain Builder#reconnectBackoff delay}, and calls in between
 * throw {@link MailTransportException} without touching the network.
 *
 * <p>Held only in memory, and so reset by a restart: the failure counts (a message may fail {@code
 * maxFailures} more times after a restart), the last UID seen, the lowest UID that may still be
 * waiting, and the reconnect backoff.
 *
 * <p>Thread-safe: calls are serialised on one IMAP connection. {@link #awaitNewMail(Duration)}
 * holds it while it waits, and {@link #poll(int, Consumer)} while its handler runs, so call both
 * from the thread that polls.
 */
public final class ImapMailSource implements MailSource {

  /** The keyword that marks a processed message where it cannot be moved. */
  public static final String PROCESSED_KEYWORD = "DispatchKitProcessed";

  /** The keyword that marks a quarantined message where it cannot be moved. */
  public static final String QUARANTINED_KEYWORD = "DispatchKitQuarantined";

  private static final Logger log = LoggerFactory.getLogger(ImapMailSource.class);

  private static final long MAX_SIZE_LIMIT = Integer.MAX_VALUE - 16L;

  /** RFC 2177 asks clients to re-issue IDLE at least every 29 minutes. */
  private static final Duration MAX_IDLE = Duration.ofMinutes(25);

  /** The shortest pause between reconnect attempts while waiting, so a wait never spins. */
  private static final long MIN_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

  /** How a handled or quarantined message leaves the inbox. */
  enum SetAside {
    MOVE,
    COPY_AND_EXPUNGE,
    FLAG
  }

  private final ServerSettings server;
  private final Session session;
  private final String inboxName;
  private final String processedName;
  private final String quarantineName;
  private final long maxMessageSize;
  private final int maxFailures;
  private final Duration pollInterval;
  private final boolean useIdle;
  private final Consumer<QuarantinedMessage> onQuarantine;
  private final Clock clock;
  private final RawParser parser;
  private final ContentFetch fetch;
  private final SpoolLedger spools = new SpoolLedger();
  private final @Nullable SetAside forcedSetAside;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wakeUp = lock.newCondition();
  private volatile boolean closed;
  private final ImapIdle idle = new ImapIdle(() -> closed);

  // Guarded by lock; the volatile one is also read by close().
  private @Nullable IMAPStore store;
  private volatile @Nullable IMAPFolder inbox;
  private SetAside setAside = SetAside.MOVE;
  private boolean uidPlus;
  private boolean idleCapable;
  private long uidValidity = -1;
  private final FolderScan scan = new FolderScan(PROCESSED_KEYWORD, QUARANTINED_KEYWORD);
  private final Map<ImapReceipt, Integer> failures = new HashMap<>();
  private final ReconnectBackoff backoff;

  private ImapMailSource(Builder b, ServerSettings server) {
    this.server = server;
    this.inboxName = b.inboxFolder;
    this.processedName = b.processedFolder;
    this.quarantineName = b.quarantineFolder;
    this.maxMessageSize = b.maxMessageSize;
    this.maxFailures = b.maxFailures;
    this.pollInterval = b.pollInterval;
    this.useIdle = b.useIdle;
    this.onQuarantine = b.onQuarantine;
    this.clock = b.clock();
    this.backoff = new ReconnectBackoff(b.initialBackoff, b.maxBackoff, clock);
    this.forcedSetAside = b.setAside;
    MimeParser mime =
        b.parser != null ? b.parser : MimeParser.builder().maxMessageBytes(maxMessageSize).build();
    this.parser = b.rawParser != null ? b.rawParser : mime::parse;
    // Content is fetched into the spool the parser reads: memory, or a file past its threshold.
    this.fetch = new ContentFetch(mime.spill(), ContentFetch.DEFAULT_PIECE_BYTES);
    Properties props = server.toProperties();
    // Belt and braces with the BODY.PEEK[] of every content fetch: a fetch must never set \Seen.
    props.setProperty("mail.imap.peek", "true");
    this.session = Session.getInstance(props);
  }

  /** A builder; {@link Builder#host(String)} is required. Same as {@link JakartaMail#imap()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns up to {@code max} waiting messages, oldest first, without marking them read. A message
   * returned before and neither acknowledged nor quarantined since is returned again.
   *
   * @throws ValidationException when {@code max} is less than 1
   * @throws MailTransportException when the server cannot be reached, or during the reconnect
   *     backoff
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public List<ReceivedMail> poll(int max) {
    List<ReceivedMail> out = new ArrayList<>();
    walk(max, out::add);
    return List.copyOf(out);
  }

  /**
   * Like {@link #poll(int)}, but hands each message to {@code handler} as soon as it is read, so a
   * large {@code max} holds one message at a time. The handler runs while the source is held; the
   * walk stops at the next message once the source is closed.
   */
  @Override
  public int poll(int max, Consumer<? super ReceivedMail> handler) {
    Objects.requireNonNull(handler, "handler");
    // Each mail is closed once its handler returns: its spill file lasts one message, not a poll.
    return walk(
        max,
        mail -> {
          try {
            handler.accept(mail);
          } finally {
            mail.close();
          }
        });
  }

  private int walk(int max, Consumer<? super ReceivedMail> handler) {
    if (max < 1) {
      throw new ValidationException("ImapMailSource.poll", "max: must be at least 1, was " + max);
    }
    lock.lock();
    try {
      ensureOpen();
      FolderScan.Pass pass = scan.pass(max);
      // Failure counts of messages met still waiting; the others left the folder some other way.
      Set<ImapReceipt> stillFailing = new HashSet<>();
      withInbox(
          "poll",
          folder -> {
            // Run again after a reconnect, the walk goes on where it stopped.
            pass.run(folder, this::connected, (f, m) -> read(f, m, handler, stillFailing));
            return null;
          });
      if (pass.complete()) {
        failures.keySet().retainAll(stillFailing);
      }
      return pass.handed();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves the message to the processed folder. A receipt whose message is gone, or whose
   * UIDVALIDITY is no longer the folder's, is ignored.
   *
   * @throws ValidationException when the receipt is not one of this source's
   * @throws MailTransportException when the server cannot be reached; the message stays waiting
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public void acknowledge(ReceivedMail mail) {
    ImapReceipt receipt = receiptOf(mail);
    lock.lock();
    try {
      ensureOpen();
      withInbox(
          "acknowledge",
          folder -> {
            if (isCurrent(receipt)) {
              // A message another session took is not there: UID MOVE then moves nothing.
              setAside(folder, receipt.uid(), processedName, PROCESSED_KEYWORD);
            }
            return null;
          });
      failures.remove(receipt);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sets the message aside in the quarantine folder at once, with reason {@link
   * QuarantinedMessage.Reason#TOO_COSTLY}, and tells the quarantine callback. Never throws for a
   * transport problem: the message then stays, and the next poll meets it again.
   *
   * @throws ValidationException when the receipt is not one of this source's
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public void tooCostly(ReceivedMail mail, Throwable failure) {
    ImapReceipt receipt = receiptOf(mail);
    Objects.requireNonNull(failure, "failure");
    lock.lock();
    try {
      ensureOpen();
      withInbox(
          "tooCostly",
          folder -> {
            UidCommands.Metadata metadata =
                isCurrent(receipt)
                    ? UidCommands.metadata(folder, new long[] {receipt.uid()}).get(receipt.uid())
                    : null;
            if (metadata != null) {
              quarantine(
                  folder, metadata, receipt, QuarantinedMessage.Reason.TOO_COSTLY, 1, failure);
            }
            return null;
          });
    } catch (MailTransportException e) {
      log.warn("Could not quarantine {}; the next poll meets it again", receipt.encode(), e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Counts a failure; at the {@link Builder#maxFailures(int) maximum} the message goes to the
   * quarantine folder and the quarantine callback is told. Never throws for a transport problem:
   * when the server cannot be reached, the count is kept and the next failure tries again.
   *
   * @throws ValidationException when the receipt is not one of this source's
   * @throws IllegalStateException after {@link #close()}
   */
  @Override
  public void failed(ReceivedMail mail, Throwable failure) {
    ImapReceipt receipt = receiptOf(mail);
    Objects.requireNonNull(failure, "failure");
    lock.lock();
    try {
      ensureOpen();
      int count = failures.merge(receipt, 1, Integer::sum);
      log.debug("Handling {} failed ({} of {})", receipt.encode(), count, maxFailures, failure);
      if (count < maxFailures) {
        return;
      }
      try {
        withInbox(
            "failed",
            folder -> {
              UidCommands.Metadata metadata =
                  isCurrent(receipt)
                      ? UidCommands.metadata(folder, new long[] {receipt.uid()}).get(receipt.uid())
                      : null;
              if (metadata == null) {
                failures.remove(receipt);
              } else {
                quarantine(
                    folder,
                    metadata,
                    receipt,
                    QuarantinedMessage.Reason.TOO_MANY_FAILURES,
                    count,
                    failure);
              }
              return null;
            });
      } catch (MailTransportException e) {
        log.warn("Could not quarantine {}; the next failure tries again", receipt.encode(), e);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until new mail may be waiting, or the timeout passes. Returns at once when a message
   * newer than the last one polled is in the folder. Otherwise it waits with IMAP {@code IDLE}
   * where the server offers it (re-issued every half {@link Builder#readTimeout read timeout}), or
   * checks every {@link Builder#pollInterval(Duration) poll interval}. While the server is
   * unreachable it waits out the reconnect backoff instead of failing, so a loop of {@code
   * awaitNewMail} and {@link #poll} never spins.
   *
   * @return true when new mail may be waiting; false on timeout, on interrupt (the interrupt flag
   *     is kept), or once the source is closed
   * @throws ValidationException when the timeout is negative
   */
  @Override
  public boolean awaitNewMail(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new ValidationException("ImapMailSource.awaitNewMail", "timeout: must not be negative");
    }
    long deadline = System.nanoTime() + saturatedNanos(timeout);
    lock.lock();
    try {
      while (!closed) {
        long remaining = deadline - System.nanoTime();
        IMAPFolder folder;
        try {
          folder = connected();
        } catch (MailTransportException e) {
          if (remaining <= 0) {
            return false;
          }
          Instant next = backoff.nextAttempt();
          long untilNext = next == null ? 0 : Duration.between(clock.instant(), next).toNanos();
          wakeUp.awaitNanos(Math.min(remaining, Math.max(untilNext, MIN_WAIT_NANOS)));
          continue;
        }
        try {
          boolean fresh = scan.hasNewer(folder);
          backoff.succeeded();
          if (fresh) {
            return true;
          }
          if (remaining <= 0) {
            return false;
          }
          if (useIdle && idleCapable) {
            idle.idle(folder, Math.min(remaining, idleSliceNanos()));
          } else {
            wakeUp.awaitNanos(Math.min(remaining, saturatedNanos(pollInterval)));
          }
        } catch (MessagingException e) {
          log.debug("Waiting for mail failed; reconnecting", dropped("awaitNewMail", e));
        }
      }
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  /** Ends a running {@link #awaitNewMail}, logs out and releases the connection. Idempotent. */
  @Override
  public void close() {
    closed = true;
    // A waiter may start idling and only then send IDLE, so a single NOOP can come too early and
    // leave IDLE running: repeat it until the waiter lets go of the lock.
    boolean interrupted = false;
    while (true) {
      try {
        if (lock.tryLock(CLOSE_NOOP_INTERVAL_MILLIS, TimeUnit.MILLISECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
      idle.interrupt(inbox);
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    try {
      wakeUp.signalAll();
      disconnectQuietly();
      // The spill files of mails delivered and never closed.
      spools.closeAll();
      idle.shutdown();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ImapMailSource[" + server + ", folder " + inboxName + "]";
  }

  // --- polling -----------------------------------------------------------------------------

  /** Reads one waiting message: sets it aside, or parses it and hands it over. */
  private FolderScan.Visit read(
      IMAPFolder folder,
      UidCommands.Metadata metadata,
      Consumer<? super ReceivedMail> handler,
      Set<ImapReceipt> stillFailing)
      throws MessagingException {
    ensureOpen();
    ImapReceipt receipt = new ImapReceipt(inboxName, uidValidity, metadata.uid());
    if (metadata.size() > maxMessageSize) {
      quarantine(folder, metadata, receipt, QuarantinedMessage.Reason.OVERSIZED, 0, null);
      return FolderScan.Visit.LEFT;
    }
    ContentFetch.Result content = fetch.fetch(folder, metadata.uid(), maxMessageSize);
    if (content instanceof ContentFetch.TooLarge) {
      quarantine(folder, metadata, receipt, QuarantinedMessage.Reason.OVERSIZED, 0, null);
      return FolderScan.Visit.LEFT;
    }
    if (!(content instanceof ContentFetch.Fetched raw)) {
      // Gone: another session took it between the two fetches; it is theirs.
      return FolderScan.Visit.LEFT;
    }
    // The spool is the mail's from here on: closed with it, or at once if none comes of it.
    Runnable release = spools.keep(raw.spool());
    InboundMessage parsed;
    try {
      parsed = parser.parse(raw.spool());
    } catch (RuntimeException e) {
      release.run();
      // A message that vanished while it was read may come back empty or cut short: only
      // one still there is really unreadable.
      if (UidCommands.exists(folder, metadata.uid())) {
        // Whatever the parser throws, one bad message must not block the folder.
        quarantine(folder, metadata, receipt, QuarantinedMessage.Reason.UNPARSEABLE, 0, e);
      }
      return FolderScan.Visit.LEFT;
    } catch (OutOfMemoryError | StackOverflowError e) {
      release.run();
      // Caught narrowly: both come from this one message's size or shape, its bytes and
      // partial parse are unreachable once unwound, and another attempt would fail the
      // same way; any other Error is not the message's doing and propagates.
      quarantine(folder, metadata, receipt, QuarantinedMessage.Reason.TOO_COSTLY, 1, e);
      return FolderScan.Visit.LEFT;
    }
    handler.accept(new ReceivedMail(receipt.encode(), parsed, release));
    if (failures.containsKey(receipt)) {
      stillFailing.add(receipt);
    }
    return FolderScan.Visit.HANDED;
  }

  private boolean isCurrent(ImapReceipt receipt) {
    if (receipt.uidValidity() != uidValidity) {
      // The folder was rebuilt: the same UID may now name another message.
      log.info("Ignoring stale receipt {}; UIDVALIDITY is now {}", receipt.encode(), uidValidity);
      return false;
    }
    return true;
  }

  // --- setting aside -----------------------------------------------------------------------

  private void quarantine(
      IMAPFolder folder,
      UidCommands.Metadata metadata,
      ImapReceipt receipt,
      QuarantinedMessage.Reason reason,
      int failureCount,
      @Nullable Throwable failure)
      throws MessagingException {
    boolean mine = setAside(folder, metadata.uid(), quarantineName, QUARANTINED_KEYWORD);
    failures.remove(receipt);
    if (!mine) {
      // Another session took it meanwhile: it handled or quarantined it, and told its own host.
      log.debug("{} left the folder before it could be quarantined", receipt.encode());
      return;
    }
    QuarantinedMessage report =
        new QuarantinedMessage(
            reason,
            setAside == SetAside.FLAG ? inboxName : quarantineName,
            metadata.messageId(),
            metadata.from(),
            metadata.subject(),
            metadata.size(),
            failureCount,
            failure,
            clock.instant());
    log.warn(
        "Quarantined message {} ({}, {} bytes, from {}): {}",
        report.messageId(),
        reason,
        report.size(),
        report.from(),
        failure == null ? "" : failure.toString());
    try {
      onQuarantine.accept(report);
    } catch (RuntimeException e) {
      log.error("The quarantine callback failed", e);
    }
  }

  /**
   * Takes the message out of the inbox, by UID only. Returns whether this call did: false when the
   * message was gone already (another session took it), which is no error.
   */
  private boolean setAside(IMAPFolder folder, long uid, String target, String keyword)
      throws MessagingException {
    return switch (setAside) {
      case MOVE -> {
        yield switch (UidCommands.move(folder, uid, target)) {
          case DONE -> true;
          case NOTHING_THERE -> false;
          // Without UIDPLUS the server does not say; the UID is gone either way.
          case UNREPORTED -> true;
        };
      }
      case COPY_AND_EXPUNGE -> {
        // Two sessions may both copy before either expunges: a second copy in the target folder
        // is harmless (the core's inbox skips it); a message lost never is.
        UidCommands.Transfer copied = UidCommands.copy(folder, uid, target);
        UidCommands.addFlags(folder, uid, new Flags(Flags.Flag.DELETED));
        if (uidPlus) {
          UidCommands.expunge(folder, uid);
        } else {
          UidCommands.expungeAll(folder);
        }
        yield copied != UidCommands.Transfer.NOTHING_THERE;
      }
      case FLAG -> {
        if (!UidCommands.exists(folder, uid)) {
          yield false;
        }
        Flags flags = new Flags(Flags.Flag.SEEN);
        flags.add(keyword);
        UidCommands.addFlags(folder, uid, flags);
        yield true;
      }
    };
  }

  // --- connection --------------------------------------------------------------------------

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  private ImapReceipt receiptOf(ReceivedMail mail) {
    Objects.requireNonNull(mail, "mail");
    Optional<ImapReceipt> receipt = ImapReceipt.parse(mail.receipt());
    if (receipt.isEmpty() || !receipt.get().folder().equals(inboxName)) {
      throw new ValidationException(
          "ReceivedMail.receipt", "'" + mail.receipt() + "' is not a receipt of " + this);
    }
    return receipt.get();
  }

  /** One step of work on the open inbox. */
  @FunctionalInterface
  private interface InboxWork<T> {
    T run(IMAPFolder folder) throws MessagingException, IOException;
  }

  /**
   * Runs the work on the open inbox. When it fails on a connection opened earlier, which a server
   * may have dropped since, it reconnects and runs it once more: every step here is idempotent.
   */
  private <T> T withInbox(String operation, InboxWork<T> work) {
    IMAPFolder existing = inbox;
    boolean reused = existing != null && existing.isOpen();
    IMAPFolder folder = connected();
    try {
      T result = work.run(folder);
      backoff.succeeded();
      return result;
    } catch (MessagingException | IOException e) {
      if (!reused) {
        throw dropped(operation, e);
      }
      log.info(
          "IMAP connection to {} lost during {}; reconnecting: {}",
          server,
          operation,
          e.toString());
      disconnectQuietly();
    }
    folder = connected();
    try {
      T result = work.run(folder);
      backoff.succeeded();
      return result;
    } catch (MessagingException | IOException e) {
      throw dropped(operation, e);
    }
  }

  /** The open inbox, connecting first when needed and the backoff allows. */
  private IMAPFolder connected() {
    IMAPFolder folder = inbox;
    if (folder != null && folder.isOpen()) {
      return folder;
    }
    disconnectQuietly();
    Instant now = clock.instant();
    if (backoff.waiting(now)) {
      throw new MailTransportException(
          "IMAP server " + server + " is unreachable; next attempt at " + backoff.nextAttempt(),
          false,
          null,
          backoff.lastFailure());
    }
    try {
      return connect();
    } catch (MessagingException e) {
      disconnectQuietly();
      backoff.failed(e);
      throw new MailTransportException(
          "Cannot connect to IMAP server " + server + ": " + e.getMessage(), false, null, e);
    }
  }

  private IMAPFolder connect() throws MessagingException {
    IMAPStore newStore = (IMAPStore) session.getStore("imap");
    store = newStore;
    newStore.connect(server.host(), server.port(), server.username(), server.password());
    IMAPFolder folder = (IMAPFolder) newStore.getFolder(inboxName);
    if (!folder.exists()) {
      throw new FolderNotFoundException(folder, "IMAP folder " + inboxName + " does not exist");
    }
    Folder processedFolder = newStore.getFolder(processedName);
    Folder quarantineFolder = newStore.getFolder(quarantineName);
    boolean foldersReady = ensureExists(processedFolder) & ensureExists(quarantineFolder);
    uidPlus = newStore.hasCapability("UIDPLUS");
    idleCapable = newStore.hasCapability("IDLE");
    if (forcedSetAside != null) {
      setAside = forcedSetAside;
    } else if (!foldersReady) {
      setAside = SetAside.FLAG;
    } else {
      setAside = newStore.hasCapability("MOVE") ? SetAside.MOVE : SetAside.COPY_AND_EXPUNGE;
    }
    folder.open(Folder.READ_WRITE);
    long validity = folder.getUIDValidity();
    if (validity != uidValidity) {
      if (uidValidity != -1) {
        log.warn(
            "UIDVALIDITY of {} changed from {} to {}; rescanning every message",
            inboxName,
            uidValidity,
            validity);
      }
      uidValidity = validity;
      scan.reset();
      failures.clear();
    }
    inbox = folder;
    log.debug("Connected to {} ({})", server, setAside);
    return folder;
  }

  private boolean ensureExists(Folder folder) throws MessagingException {
    if (folder.exists()) {
      return true;
    }
    MessagingException refusal = null;
    try {
      if (folder.create(Folder.HOLDS_MESSAGES)) {
        return true;
      }
    } catch (MessagingException e) {
      refusal = e;
    }
    // Another session (another instance starting at the same time) may have created it between
    // our check and our CREATE, which then fails with "already exists": ask again.
    if (folder.exists()) {
      return true;
    }
    log.warn(
        "Cannot create IMAP folder {}; flagging messages instead", folder.getFullName(), refusal);
    return false;
  }

  private MailTransportException dropped(String operation, Exception cause) {
    disconnectQuietly();
    backoff.failed(cause);
    return new MailTransportException(
        "IMAP " + operation + " failed on " + server + ": " + cause.getMessage(),
        false,
        null,
        cause);
  }

  private void disconnectQuietly() {
    IMAPFolder folder = inbox;
    inbox = null;
    if (folder != null) {
      try {
        folder.close(false);
      } catch (MessagingException | IllegalStateException e) {
        log.trace("Closing {} failed", inboxName, e);
      }
    }
    IMAPStore oldStore = store;
    store = null;
    if (oldStore != null) {
      try {
        oldStore.close();
      } catch (MessagingException e) {
        log.trace("Closing the IMAP store failed", e);
      }
    }
  }

  // --- IDLE --------------------------------------------------------------------------------

  private static final long CLOSE_NOOP_INTERVAL_MILLIS = 20;

  private long idleSliceNanos() {
    // A quiet IDLE must end before the socket's read timeout takes the connection down.
    Duration slice = server.readTimeout().dividedBy(2);
    return saturatedNanos(slice.compareTo(MAX_IDLE) > 0 ? MAX_IDLE : slice);
  }

  private static long saturatedNanos(Duration duration) {
    return duration.compareTo(Duration.ofDays(365)) > 0
        ? TimeUnit.DAYS.toNanos(365)
        : duration.toNanos();
  }

  /** Package-private view for tests: whether an IDLE is running. */
  boolean isIdling() {
    return idle.isIdling();
  }

  /** Package-private view for tests: the current UIDVALIDITY, or -1 before the first connect. */
  long uidValidity() {
    lock.lock();
    try {
      return uidValidity;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Settings for an {@link ImapMailSource}. Each setter rejects a bad value at once with a {@link
   * ConfigurationException} naming the setting; {@link #build()} names what is missing. Not
   * thread-safe.
   */
  public static final class Builder extends ServerBuilder<Builder> {
    private String inboxFolder = "INBOX";
    private String processedFolder = "Processed";
    private String quarantineFolder = "Quarantine";
    private long maxMessageSize = MimeParser.DEFAULT_MAX_MESSAGE_BYTES;
    private int maxFailures = 3;
    private Duration initialBackoff = Duration.ofSeconds(1);
    private Duration maxBackoff = Duration.ofMinutes(5);
    private Duration pollInterval = Duration.ofSeconds(30);
    private boolean useIdle = true;
    private Consumer<QuarantinedMessage> onQuarantine = q -> {};
    private @Nullable MimeParser parser;
    private @Nullable RawParser rawParser;
    private @Nullable SetAside setAside;

    private Builder() {
      super("imap", 143, 143, 993);
    }

    /** The folder replies arrive in; {@code INBOX} by default. It must exist. */
    public Builder inboxFolder(String name) {
      this.inboxFolder = folderName("inboxFolder", name);
      return this;
    }

    /** Where acknowledged messages go; {@code Processed} by default, created when missing. */
    public Builder processedFolder(String name) {
      this.processedFolder = folderName("processedFolder", name);
      return this;
    }

    /** Where set-aside messages go; {@code Quarantine} by default, created when missing. */
    public Builder quarantineFolder(String name) {
      this.quarantineFolder = folderName("quarantineFolder", name);
      return this;
    }

    /**
     * The largest message fetched, in bytes, as the server reports its size; 25 MiB by default.
     * Larger messages are quarantined without their content being fetched.
     */
    public Builder maxMessageSize(long bytes) {
      if (bytes < 1 || bytes > MAX_SIZE_LIMIT) {
        throw new ConfigurationException(
            "maxMessageSize", "must be between 1 and " + MAX_SIZE_LIMIT + ", was " + bytes);
      }
      this.maxMessageSize = bytes;
      return this;
    }

    /** How many failed attempts to handle a message send it to quarantine; 3 by default. */
    public Builder maxFailures(int count) {
      if (count < 1) {
        throw new ConfigurationException("maxFailures", "must be at least 1, was " + count);
      }
      this.maxFailures = count;
      return this;
    }

    /**
     * The wait after the second failed connection in a row, doubling with each further failure up
     * to {@code max}; 1 s and 5 min by default. The first reconnect is immediate.
     */
    public Builder reconnectBackoff(Duration initial, Duration max) {
      if (initial == null || initial.isNegative() || initial.isZero()) {
        throw new ConfigurationException("reconnectBackoff.initial", "must be positive");
      }
      if (max == null || max.compareTo(initial) < 0) {
        throw new ConfigurationException(
            "reconnectBackoff.max", "must be at least the initial backoff " + initial);
      }
      this.initialBackoff = initial;
      this.maxBackoff = max;
      return this;
    }

    /**
     * How often {@link ImapMailSource#awaitNewMail(Duration)} looks for mail when it cannot use
     * {@code IDLE}; 30 s by default.
     */
    public Builder pollInterval(Duration interval) {
      this.pollInterval = ServerSettings.Draft.checkTimeout("pollInterval", interval);
      return this;
    }

    /** Whether to use {@code IDLE} where the server offers it; true by default. */
    public Builder useIdle(boolean useIdle) {
      this.useIdle = useIdle;
      return this;
    }

    /**
     * Called on the polling thread for each message set aside in quarantine. Keep it short; an
     * exception it throws is logged and ignored.
     */
    public Builder onQuarantine(Consumer<QuarantinedMessage> callback) {
      if (callback == null) {
        throw new ConfigurationException("onQuarantine", "must not be null");
      }
      this.onQuarantine = callback;
      return this;
    }

    /**
     * The MIME parser; by default one whose byte limit is {@link #maxMessageSize(long)}. A message
     * the parser refuses is quarantined as unparseable.
     */
    public Builder parser(MimeParser parser) {
      if (parser == null) {
        throw new ConfigurationException("parser", "must not be null");
      }
      this.parser = parser;
      return this;
    }

    /** For tests: replaces the parser. */
    Builder rawParser(RawParser parser) {
      this.rawParser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    /** For tests: forces how messages leave the inbox, whatever the server offers. */
    Builder setAside(SetAside mode) {
      this.setAside = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * The source. It connects on first use, not here.
     *
     * @throws ConfigurationException naming the setting that is missing or inconsistent
     */
    public ImapMailSource build() {
      ServerSettings settings = serverSettings();
      Set<String> names = new HashSet<>(List.of(inboxFolder, processedFolder, quarantineFolder));
      if (names.size() != 3) {
        throw new ConfigurationException(
            "inboxFolder, processedFolder and quarantineFolder must be three different folders",
            List.of("inboxFolder", "processedFolder", "quarantineFolder"));
      }
      return new ImapMailSource(this, settings);
    }

    private static String folderName(String setting, String name) {
      if (name == null || name.isBlank()) {
        throw new ConfigurationException(setting, "must not be blank");
      }
      if (!name.chars().allMatch(c -> c >= 0x20 && c != 0x7f)) {
        throw new ConfigurationException(setting, "must not hold control characters");
      }
      return name;
    }
  }
}
