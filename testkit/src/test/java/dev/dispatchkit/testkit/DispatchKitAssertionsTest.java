package dev.dispatchkit.testkit;

import static dev.dispatchkit.testkit.DispatchKitAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.reply.ReplyReason;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatchKitAssertionsTest {

  @Test
  void workOrderStatusPassesAndFails() {
    WorkOrder order = Fixtures.workOrder().status(Status.DISPATCH_CONFIRMED).build();
    assertThat(order)
        .hasStatus(PrimaryStatus.IN_PROGRESS, ExtendedStatus.DISPATCH_CONFIRMED)
        .isAssignedTo(Fixtures.PROVIDER)
        .hasVersion(1)
        .hasNotes(0);
    assertThatThrownBy(() -> assertThat(order).hasStatus(Status.OPEN))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("IN_PROGRESS");
  }

  @Test
  void decisionAssertionsReadTheIntentAndReason() {
    var classifier = ReplyClassifier.standard();
    var message =
        InboundMessage.builder()
            .from(Fixtures.PROVIDER_ADDRESS)
            .subject("RE: #100200")
            .textBody("OK, demain")
            .build();
    var decision =
        classifier.classify(message, classifier.correlate(message).resolveWithoutStore());
    assertThat(decision).isAccept().hasReason(ReplyReason.ACCEPT_WORD).hasNote("demain");
    assertThatThrownBy(() -> assertThat(decision).isDecline()).isInstanceOf(AssertionError.class);
  }

  @Test
  void sentMailAssertionsCountByAddressAndKind() {
    RecordingMailSender sender = new RecordingMailSender();
    sender.send(
        new dev.dispatchkit.spi.OutboundMail(
            "1",
            "1@x.example",
            MailKind.NOTIFICATION,
            "a@x.example",
            null,
            List.of("bob@client.example"),
            "s",
            "b",
            null,
            null,
            null,
            Map.of()));
    assertThat(sender)
        .sentTo("BOB@client.example")
        .sentTo("bob@client.example", MailKind.NOTIFICATION, 1)
        .sentNothingTo("alice@client.example")
        .sentCount(1);
    assertThatThrownBy(() -> assertThat(sender).sentTo("alice@client.example"))
        .isInstanceOf(AssertionError.class);
  }
}
