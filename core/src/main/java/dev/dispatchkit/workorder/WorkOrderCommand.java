package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a host, a provider's reply or DispatchKit itself asks of a work order. {@link
 * WorkOrder#dispatch} takes a {@link Dispatch}; {@link WorkOrder#handle} takes the others. Each
 * record checks its own arguments; whether it is allowed now is the {@link Transitions transition
 * table}'s call.
 */
public sealed interface WorkOrderCommand {

  /** What this command asks for. */
  CommandKind kind();

  /**
   * Create a work order and send it to a provider. The work order starts OPEN, at version 1.
   *
   * @param trackingNumber the number, unique per subscriber
   * @param subscriber the client
   * @param provider the provider the work order goes to
   * @param site where the work is done
   * @param problem what is wrong
   * @param priority how fast the provider must answer
   * @param nte the not-to-exceed amount
   * @param expectedDate when the provider is expected, in the site's zone; null to let the facade
   *     set it from the priority's arrival window ({@code DispatchPolicies#arrivalWindow})
   * @param contacts the client's people who may be notified; no address twice
   */
  record Dispatch(
      TrackingNumber trackingNumber,
      SubscriberId subscriber,
      ProviderId provider,
      Site site,
      Problem problem,
      Priority priority,
      Nte nte,
      @Nullable ExpectedDate expectedDate,
      List<ContactPerson> contacts)
      implements WorkOrderCommand {

    /**
     * @throws dev.dispatchkit.error.ValidationException if the expected date is not in the site's
     *     zone or two contacts share an address
     */
    public Dispatch {
      Objects.requireNonNull(trackingNumber, "trackingNumber");
      Objects.requireNonNull(subscriber, "subscriber");
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(site, "site");
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(priority, "priority");
      Objects.requireNonNull(nte, "nte");
      contacts = List.copyOf(contacts);
      Texts.check("Dispatch")
          .require(
              expectedDate == null || expectedDate.zone().equals(site.zone()),
              "expectedDate is in "
                  + (expectedDate == null ? null : expectedDate.zone())
                  + ", the site in "
                  + site.zone())
          .require(Uniqueness.distinctAddresses(contacts), "two contacts share an email address")
          .orThrow();
    }

    /** A builder that names the fields; {@link DispatchBuilder#build()} checks them. */
    public static DispatchBuilder builder() {
      return new DispatchBuilder();
    }

    @Override
    public CommandKind kind() {
      return CommandKind.DISPATCH;
    }
  }

  /** The provider accepts: IN_PROGRESS/DISPATCH_CONFIRMED. */
  record Accept() implements WorkOrderCommand {
    @Override
    public CommandKind kind() {
      return CommandKind.ACCEPT;
    }
  }

  /**
   * The provider declines: OPEN/DECLINED.
   *
   * @param reason the reason chosen; null when none was given
   * @param text the provider's own words; null when none
   */
  record Decline(@Nullable DeclineReason reason, @Nullable String text)
      implements WorkOrderCommand {

    /**
     * @throws dev.dispatchkit.error.ValidationException if the text is blank or too long, or the
     *     reason is {@link DeclineReason#OTHER} without text
     */
    public Decline {
      Texts.check("Decline")
          .require(reason != DeclineReason.OTHER || text != null, "reason OTHER needs a text")
          .orThrow();
      if (text != null) {
        Texts.check("Decline").paragraphs("text", text, DeclineDetails.MAX_TEXT, false).orThrow();
      }
    }

    @Override
    public CommandKind kind() {
      return CommandKind.DECLINE;
    }
  }

  /**
   * Give the work order to another provider: back to OPEN, with the response clock restarted.
   *
   * @param provider the new provider, not the current one
   */
  record Reassign(ProviderId provider) implements WorkOrderCommand {

    /** Checks the provider is present. */
    public Reassign {
      Objects.requireNonNull(provider, "provider");
    }

    @Override
    public CommandKind kind() {
      return CommandKind.REASSIGN;
    }
  }

  /**
   * Move the expected date. {@link ExpectedDateRule} judges it against the work order and the
   * clock.
   *
   * @param newDate the new expected date, in the site's zone
   * @param note why it moves; must not be blank
   * @param contactToNotify the work order's contact to tell
   * @param reschedule whether it counts against the reschedule limit: true for a host's change,
   *     false for the date the provider commits to in its accepting reply
   */
  record ChangeExpectedDate(
      ExpectedDate newDate, String note, ContactPerson contactToNotify, boolean reschedule)
      implements WorkOrderCommand {

    /** A host's change, which counts as a reschedule. */
    public ChangeExpectedDate(ExpectedDate newDate, String note, ContactPerson contactToNotify) {
      this(newDate, note, contactToNotify, true);
    }

    /**
     * The date the provider commits to when it accepts: it moves the expected date without counting
     * as a reschedule, since nobody moved an appointment the provider had already agreed to.
     */
    public static ChangeExpectedDate providerCommitment(
        ExpectedDate newDate, String note, ContactPerson contactToNotify) {
      return new ChangeExpectedDate(newDate, note, contactToNotify, false);
    }

    /**
     * @throws dev.dispatchkit.error.ValidationException if the note is too long or holds control
     *     characters (a blank note is the rule's to report, with the other violations)
     */
    public ChangeExpectedDate {
      Objects.requireNonNull(newDate, "newDate");
      Objects.requireNonNull(contactToNotify, "contactToNotify");
      Texts.check("ChangeExpectedDate").paragraphs("note", note, Note.MAX_TEXT, true).orThrow();
    }

    @Override
    public CommandKind kind() {
      return CommandKind.CHANGE_EXPECTED_DATE;
    }
  }

  /**
   * Add a note; allowed in every status, terminal ones included.
   *
   * @param text the note
   * @param author who wrote it
   * @param attachmentIds the work order's attachments this note carries, at most {@value
   *     Note#MAX_ATTACHMENTS}; each must already be on the work order
   */
  record AddNote(String text, NoteAuthor author, List<String> attachmentIds)
      implements WorkOrderCommand {

    /**
     * @throws dev.dispatchkit.error.ValidationException as {@link Note} does
     */
    public AddNote {
      Objects.requireNonNull(author, "author");
      attachmentIds = List.copyOf(attachmentIds);
      Texts.check("AddNote").paragraphs("text", text, Note.MAX_TEXT, false).orThrow();
      if (attachmentIds.size() > Note.MAX_ATTACHMENTS) {
        throw new ValidationException(
            "AddNote",
            "a note carries at most "
                + Note.MAX_ATTACHMENTS
                + " files, not "
                + attachmentIds.size());
      }
    }

    /** A note without files. */
    public AddNote(String text, NoteAuthor author) {
      this(text, author, List.of());
    }

    @Override
    public CommandKind kind() {
      return CommandKind.ADD_NOTE;
    }
  }

  /**
   * Attach a file already kept by the attachment store.
   *
   * @param attachment the reference; its id must be new on the work order
   */
  record AddAttachment(AttachmentRef attachment) implements WorkOrderCommand {

    /** Checks the attachment is present. */
    public AddAttachment {
      Objects.requireNonNull(attachment, "attachment");
    }

    @Override
    public CommandKind kind() {
      return CommandKind.ADD_ATTACHMENT;
    }
  }

  /**
   * Record the Message-ID of the service request email, so that replies can be matched to it.
   *
   * @param messageId the Message-ID without angle brackets
   */
  record RecordDispatchMessage(String messageId) implements WorkOrderCommand {

    /**
     * @throws dev.dispatchkit.error.ValidationException as {@link WorkOrder#isValidMessageId}
     *     refuses
     */
    public RecordDispatchMessage {
      Texts.check("RecordDispatchMessage")
          .require(
              messageId != null && WorkOrder.isValidMessageId(messageId),
              "messageId must be 1 to "
                  + WorkOrder.MAX_MESSAGE_ID
                  + " visible ASCII characters without angle brackets")
          .orThrow();
    }

    @Override
    public CommandKind kind() {
      return CommandKind.RECORD_DISPATCH_MESSAGE;
    }
  }

  /** The technician arrives: IN_PROGRESS/ON_SITE. */
  record CheckIn() implements WorkOrderCommand {
    @Override
    public CommandKind kind() {
      return CommandKind.CHECK_IN;
    }
  }

  /**
   * The provider reports progress: IN_PROGRESS/PARTS_ON_ORDER or IN_PROGRESS/INCOMPLETE.
   *
   * @param update what the provider reports
   */
  record UpdateProgress(ProgressUpdate update) implements WorkOrderCommand {

    /** Checks the update is present. */
    public UpdateProgress {
      Objects.requireNonNull(update, "update");
    }

    @Override
    public CommandKind kind() {
      return update.kind();
    }
  }

  /** The provider reports the work done: COMPLETED/PENDING_CONFIRMATION. */
  record Complete() implements WorkOrderCommand {
    @Override
    public CommandKind kind() {
      return CommandKind.COMPLETE;
    }
  }

  /**
   * The client refuses the provider's completion: back to IN_PROGRESS/INCOMPLETE, and the provider
   * is told why.
   *
   * @param reason what is still wrong; must not be blank
   */
  record RejectCompletion(String reason) implements WorkOrderCommand {

    /**
     * @throws dev.dispatchkit.error.ValidationException if the reason is blank, too long or holds
     *     control characters
     */
    public RejectCompletion {
      Texts.check("RejectCompletion").paragraphs("reason", reason, Note.MAX_TEXT, false).orThrow();
    }

    @Override
    public CommandKind kind() {
      return CommandKind.REJECT_COMPLETION;
    }
  }

  /**
   * A bounce showed the service request never reached the provider: the work order is marked
   * undelivered until it is reassigned or answered. DispatchKit sends it itself.
   */
  record MarkUndelivered() implements WorkOrderCommand {
    @Override
    public CommandKind kind() {
      return CommandKind.MARK_UNDELIVERED;
    }
  }

  /** The client confirms the completion: COMPLETED/CONFIRMED, terminal. */
  record Confirm() implements WorkOrderCommand {
    @Override
    public CommandKind kind() {
      return CommandKind.CONFIRM;
    }
  }

  /**
   * The client cancels: CANCELLED, terminal. A pending NTE increase request lapses.
   *
   * @param reason why; null when none given
   */
  record Cancel(@Nullable String reason) implements WorkOrderCommand {

    /**
     * @throws dev.dispatchkit.error.ValidationException if the reason is blank, too long or holds
     *     control characters
     */
    public Cancel {
      if (reason != null) {
        Texts.check("Cancel").paragraphs("reason", reason, Note.MAX_TEXT, false).orThrow();
      }
    }

    @Override
    public CommandKind kind() {
      return CommandKind.CANCEL;
    }
  }

  /**
   * The provider asks for a higher NTE. Only one request is pending at a time.
   *
   * @param requested the NTE asked for: above the current one, in its currency
   * @param reason why
   */
  record RequestNteIncrease(Nte requested, String reason) implements WorkOrderCommand {

    /**
     * @throws dev.dispatchkit.error.ValidationException if the reason is blank, too long or holds
     *     control characters
     */
    public RequestNteIncrease {
      Objects.requireNonNull(requested, "requested");
      Texts.check("RequestNteIncrease")
          .paragraphs("reason", reason, NteIncreaseRequest.MAX_REASON, false)
          .orThrow();
    }

    @Override
    public CommandKind kind() {
      return CommandKind.REQUEST_NTE_INCREASE;
    }
  }

  /**
   * The client grants the pending request: the NTE becomes the requested amount.
   *
   * @param comment the client's words to the provider; null when none given
   */
  record ApproveNteIncrease(@Nullable String comment) implements WorkOrderCommand {

    /**
     * @throws dev.dispatchkit.error.ValidationException if the comment is blank, too long or holds
     *     control characters
     */
    public ApproveNteIncrease {
      if (comment != null) {
        Texts.check("ApproveNteIncrease")
            .paragraphs("comment", comment, NteIncreaseRequest.MAX_REASON, false)
            .orThrow();
      }
    }

    /** An approval without a comment. */
    public ApproveNteIncrease() {
      this(null);
    }

    @Override
    public CommandKind kind() {
      return CommandKind.APPROVE_NTE_INCREASE;
    }
  }

  /**
   * The client refuses the pending request: the NTE stays.
   *
   * @param comment why; null when none given
   */
  record RejectNteIncrease(@Nullable String comment) implements WorkOrderCommand {

    /**
     * @throws dev.dispatchkit.error.ValidationException if the comment is blank, too long or holds
     *     control characters
     */
    public RejectNteIncrease {
      if (comment != null) {
        Texts.check("RejectNteIncrease")
            .paragraphs("comment", comment, NteIncreaseRequest.MAX_REASON, false)
            .orThrow();
      }
    }

    @Override
    public CommandKind kind() {
      return CommandKind.REJECT_NTE_INCREASE;
    }
  }
}
