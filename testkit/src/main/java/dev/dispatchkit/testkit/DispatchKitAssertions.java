package dev.dispatchkit.testkit;

import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.reply.ReplyReason;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.Assertions;

/**
 * AssertJ entry points for DispatchKit values: {@code assertThat(workOrder).hasStatus(...)}, {@code
 * assertThat(decision).isAccept()}, {@code assertThat(recordingMailSender).sentTo(...)}.
 */
public final class DispatchKitAssertions {

  private DispatchKitAssertions() {}

  /** Assertions on a work order. */
  public static WorkOrderAssert assertThat(WorkOrder actual) {
    return new WorkOrderAssert(actual);
  }

  /** Assertions on a reply decision. */
  public static ReplyDecisionAssert assertThat(ReplyDecision actual) {
    return new ReplyDecisionAssert(actual);
  }

  /** Assertions on the mail a {@link RecordingMailSender} sent. */
  public static SentMailAssert assertThat(RecordingMailSender actual) {
    return new SentMailAssert(actual);
  }

  /** Assertions on a work order. */
  public static final class WorkOrderAssert extends AbstractAssert<WorkOrderAssert, WorkOrder> {
    WorkOrderAssert(WorkOrder actual) {
      super(actual, WorkOrderAssert.class);
    }

    /** The status is exactly this primary and extended status. */
    public WorkOrderAssert hasStatus(PrimaryStatus primary, ExtendedStatus extended) {
      return hasStatus(Status.of(primary, extended));
    }

    /** The status is exactly this one. */
    public WorkOrderAssert hasStatus(Status expected) {
      isNotNull();
      if (!actual.status().equals(expected)) {
        failWithMessage(
            "Expected work order %s to be %s but was %s",
            actual.trackingNumber(), expected, actual.status());
      }
      return this;
    }

    /** The work order is with this provider. */
    public WorkOrderAssert isAssignedTo(ProviderId expected) {
      isNotNull();
      if (!actual.provider().equals(expected)) {
        failWithMessage(
            "Expected work order %s to be with %s but was with %s",
            actual.trackingNumber(), expected, actual.provider());
      }
      return this;
    }

    /** The work order is at this version. */
    public WorkOrderAssert hasVersion(long expected) {
      isNotNull();
      if (actual.version() != expected) {
        failWithMessage(
            "Expected work order %s at version %s but was at %s",
            actual.trackingNumber(), expected, actual.version());
      }
      return this;
    }

    /** A note holds this text. */
    public WorkOrderAssert hasNoteContaining(String text) {
      isNotNull();
      if (actual.notes().stream().noneMatch(n -> n.text().contains(text))) {
        failWithMessage(
            "Expected a note of work order %s to contain <%s> but the notes were %s",
            actual.trackingNumber(), text, actual.notes());
      }
      return this;
    }

    /** The work order has exactly this many notes. */
    public WorkOrderAssert hasNotes(int expected) {
      isNotNull();
      if (actual.notes().size() != expected) {
        failWithMessage(
            "Expected %s notes on work order %s but found %s",
            expected, actual.trackingNumber(), actual.notes().size());
      }
      return this;
    }
  }

  /** Assertions on a reply decision. */
  public static final class ReplyDecisionAssert
      extends AbstractAssert<ReplyDecisionAssert, ReplyDecision> {
    ReplyDecisionAssert(ReplyDecision actual) {
      super(actual, ReplyDecisionAssert.class);
    }

    /** The decision has this intent. */
    public ReplyDecisionAssert hasIntent(Intent expected) {
      isNotNull();
      if (actual.intent() != expected) {
        failWithMessage(
            "Expected intent %s but was %s (reason %s)",
            expected, actual.intent(), actual.reason().code());
      }
      return this;
    }

    /** The decision is an ACCEPT. */
    public ReplyDecisionAssert isAccept() {
      return hasIntent(Intent.ACCEPT);
    }

    /** The decision is a DECLINE. */
    public ReplyDecisionAssert isDecline() {
      return hasIntent(Intent.DECLINE);
    }

    /** The decision is UNCLEAR. */
    public ReplyDecisionAssert isUnclear() {
      return hasIntent(Intent.UNCLEAR);
    }

    /** The decision has this reason. */
    public ReplyDecisionAssert hasReason(ReplyReason expected) {
      isNotNull();
      if (actual.reason() != expected) {
        failWithMessage("Expected reason %s but was %s", expected.code(), actual.reason().code());
      }
      return this;
    }

    /** The note is exactly this text. */
    public ReplyDecisionAssert hasNote(String expected) {
      isNotNull();
      if (!actual.note().equals(expected)) {
        failWithMessage("Expected note <%s> but was <%s>", expected, actual.note());
      }
      return this;
    }
  }

  /** Assertions on the mail a {@link RecordingMailSender} sent. */
  public static final class SentMailAssert
      extends AbstractAssert<SentMailAssert, RecordingMailSender> {
    SentMailAssert(RecordingMailSender actual) {
      super(actual, SentMailAssert.class);
    }

    /** At least one mail was sent to {@code address} (ignoring case). */
    public SentMailAssert sentTo(String address) {
      isNotNull();
      if (actual.sentTo(address).isEmpty()) {
        failWithMessage(
            "Expected mail to <%s> but mail went to %s",
            address, actual.sent().stream().map(OutboundMail::to).toList());
      }
      return this;
    }

    /** Exactly {@code count} mails of {@code kind} were sent to {@code address}. */
    public SentMailAssert sentTo(String address, MailKind kind, int count) {
      isNotNull();
      long found = actual.sentTo(address).stream().filter(m -> m.kind() == kind).count();
      if (found != count) {
        failWithMessage("Expected %s %s mail(s) to <%s> but found %s", count, kind, address, found);
      }
      return this;
    }

    /** No mail was sent to {@code address}. */
    public SentMailAssert sentNothingTo(String address) {
      isNotNull();
      List<OutboundMail> found = actual.sentTo(address);
      if (!found.isEmpty()) {
        failWithMessage(
            "Expected no mail to <%s> but found %s",
            address, found.stream().map(OutboundMail::subject).toList());
      }
      return this;
    }

    /** Exactly {@code count} mails were sent in all. */
    public SentMailAssert sentCount(int count) {
      isNotNull();
      Assertions.assertThat(actual.sent()).as("mail sent").hasSize(count);
      return this;
    }
  }
}
