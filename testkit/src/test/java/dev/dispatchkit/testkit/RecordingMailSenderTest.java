package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.MailTransportException;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.MailSender;
import org.junit.jupiter.api.Test;

class RecordingMailSenderTest extends MailSenderContract {
  private RecordingMailSender recording;

  @Override
  protected MailSender createSender() {
    recording = new RecordingMailSender();
    return recording;
  }

  @Override
  protected int delivered(String messageId) {
    return (int) recording.sent().stream().filter(m -> m.messageId().equals(messageId)).count();
  }

  @Test
  void failsTheNextSendsThenRecovers() {
    recording.failNext(2);
    var mail = mail("x", MailKind.DISPATCH);
    assertThatThrownBy(() -> recording.send(mail))
        .isInstanceOfSatisfying(
            MailTransportException.class, e -> assertThat(e.permanent()).isFalse());
    assertThatThrownBy(() -> recording.send(mail)).isInstanceOf(MailTransportException.class);
    recording.send(mail);
    assertThat(recording.sent()).containsExactly(mail);
    assertThat(recording.attempts()).isEqualTo(3);
  }

  @Test
  void failsPermanentlyUntilRecovered() {
    recording.failPermanently();
    var mail = mail("y", MailKind.DISPATCH);
    assertThatThrownBy(() -> recording.send(mail))
        .isInstanceOfSatisfying(
            MailTransportException.class, e -> assertThat(e.permanent()).isTrue());
    recording.recover();
    recording.send(mail);
    assertThat(recording.sentTo("PROVIDER@provider.example")).containsExactly(mail);
  }
}
