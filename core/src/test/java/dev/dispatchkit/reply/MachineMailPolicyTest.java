package dev.dispatchkit.reply;

import static dev.dispatchkit.reply.Replies.classify;
import static dev.dispatchkit.reply.Replies.headers;
import static dev.dispatchkit.reply.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Step 1 of REPLIES.md: machine mail is decided first, before any body text is read. */
class MachineMailPolicyTest {

  @Test
  void aDeliveryStatusReportIsABounceEvenWithAutoReplyHeadersAndAnOkBody() {
    ReplyDecision decision =
        classify(
            reply("OK")
                .headers(
                    headers(
                        "Content-Type",
                        "multipart/report; report-type=delivery-status; boundary=\"x\"",
                        "Auto-Submitted",
                        "auto-replied")));
    assertThat(decision.intent()).isEqualTo(Intent.BOUNCE);
    assertThat(decision.reason()).isEqualTo(ReplyReason.BOUNCE_REPORT);
    assertThat(decision.replyText()).isEmpty();
  }

  @Test
  void aDelayReportCountsAsABounce() {
    ReplyDecision decision =
        classify(
            reply("Delivery delayed")
                .subject("Delivery Status Notification (Delay)")
                .headers(
                    headers("Content-Type", "multipart/report; report-type=\"delivery-status\"")));
    assertThat(decision.intent()).isEqualTo(Intent.BOUNCE);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Undelivered Mail Returned to Sender", "Undeliverable: RE: Demande #123456", "Non remis",
        "Échec de la remise", "Delivery Status Notification (Failure)", "Mail delivery failed",
        "Returned mail: see transcript", "failure notice"
      })
  void aDaemonWithADeliveryFailureSubjectIsABounce(String subject) {
    for (String daemon : new String[] {"MAILER-DAEMON@mx.example", "postmaster@example.com"}) {
      ReplyDecision decision = classify(reply("OK").from(daemon).subject(subject));
      assertThat(decision.intent()).isEqualTo(Intent.BOUNCE);
      assertThat(decision.reason()).isEqualTo(ReplyReason.BOUNCE_SUBJECT);
    }
  }

  @Test
  void aFailureSubjectFromAPersonIsNoBounce() {
    ReplyDecision decision = classify(reply("OK").subject("Returned mail: RE: #123456"));
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
  }

  @Test
  void aDispositionNotificationIsAReadReceipt() {
    ReplyDecision decision =
        classify(
            reply("OK")
                .headers(
                    headers(
                        "Content-Type", "multipart/report; report-type=disposition-notification")));
    assertThat(decision.intent()).isEqualTo(Intent.AUTO_REPLY);
    assertThat(decision.reason()).isEqualTo(ReplyReason.READ_RECEIPT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Lu : Demande #123456", "Read: Demande #123456", "Non lu : Demande"})
  void readReceiptSubjectsAreAutoReplies(String subject) {
    ReplyDecision decision = classify(reply("OK").subject(subject));
    assertThat(decision.intent()).isEqualTo(Intent.AUTO_REPLY);
    assertThat(decision.reason()).isEqualTo(ReplyReason.READ_RECEIPT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"auto-replied", "auto-generated", "auto-notified; owner-email=x@y"})
  void autoSubmittedOtherThanNoIsAnAutoReply(String value) {
    ReplyDecision decision = classify(reply("OK").headers(headers("Auto-Submitted", value)));
    assertThat(decision.intent()).isEqualTo(Intent.AUTO_REPLY);
    assertThat(decision.reason()).isEqualTo(ReplyReason.AUTO_SUBMITTED);
  }

  @Test
  void autoSubmittedNoIsAPerson() {
    ReplyDecision decision = classify(reply("OK").headers(headers("Auto-Submitted", "No")));
    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Autoreply", "X-Autorespond", "X-MS-Exchange-Inbox-Rules-Loop"})
  void autoReplyHeadersMakeAnAutoReply(String header) {
    ReplyDecision decision = classify(reply("OK").headers(headers(header, "yes")));
    assertThat(decision.intent()).isEqualTo(Intent.AUTO_REPLY);
    assertThat(decision.reason()).isEqualTo(ReplyReason.AUTO_REPLY_HEADER);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bulk", "junk", "list", "auto_reply", " Bulk "})
  void precedenceValuesMakeAnAutoReply(String value) {
    ReplyDecision decision = classify(reply("OK").headers(headers("Precedence", value)));
    assertThat(decision.intent()).isEqualTo(Intent.AUTO_REPLY);
    assertThat(decision.reason()).isEqualTo(ReplyReason.PRECEDENCE);
  }

  @Test
  void precedenceFirstClassIsAPerson() {
    assertThat(classify(reply("OK").headers(headers("Precedence", "first-class"))).intent())
        .isEqualTo(Intent.ACCEPT);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Réponse automatique",
        "Absent du bureau",
        "Absence",
        "Out of Office",
        "Automatic reply",
        "Auto reply",
        "Autoreply",
        "Auto:",
        "Abwesenheitsnotiz",
        "Automatische Antwort",
        "Respuesta automática",
        "Fuera de la oficina",
        "Risposta automatica",
        "Fuori sede",
        "Resposta automática",
        "Automatisch antwoord",
        "Afwezig"
      })
  void anAutoReplyMarkerAloneIsEnoughAfterReplyPrefixes(String marker) {
    for (String subject :
        new String[] {
          marker + " : Demande #123456",
          "RE: " + marker + " Demande #123456",
          "Re: AW: " + marker.toUpperCase(java.util.Locale.ROOT) + " #123456"
        }) {
      ReplyDecision decision = classify(reply("OK").subject(subject));
      assertThat(decision.intent()).as(subject).isEqualTo(Intent.AUTO_REPLY);
      assertThat(decision.reason()).isEqualTo(ReplyReason.AUTO_REPLY_SUBJECT);
    }
  }

  @Test
  void aMarkerInsideTheSubjectIsNoAutoReply() {
    assertThat(classify(reply("OK").subject("RE: Demande #123456 pendant votre absence")).intent())
        .isEqualTo(Intent.ACCEPT);
  }
}
