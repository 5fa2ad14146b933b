package dev.dispatchkit.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The classifier's length caps: past them the text is cut and the decision says so. */
class BodyCapTest {

  private static final ReplyClassifier CLASSIFIER = ReplyClassifier.standard();

  private static InboundMessage message(String text, String html) {
    return InboundMessage.builder()
        .from("p@example.com")
        .subject("Re: #123456")
        .textBody(text)
        .htmlBody(html)
        .build();
  }

  @Test
  void aBodyPastTheCapIsCutAndTheDecisionSaysSo() {
    String body = "OK\n" + "x".repeat(ReplyClassifier.MAX_BODY_CHARS);
    ReplyDecision decision = CLASSIFIER.classifyWithoutStore(message(body, null));
    assertThat(decision.reason()).isEqualTo(ReplyReason.TEXT_TOO_LONG);
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.replyText()).hasSize(ReplyClassifier.MAX_REPLY_TEXT_CHARS);
  }

  @Test
  void newTextPastTheReplyTextCapIsCutAndSaysSo() {
    String body = "OK " + "mot ".repeat(ReplyClassifier.MAX_REPLY_TEXT_CHARS / 4 + 10);
    ReplyDecision decision = CLASSIFIER.classifyWithoutStore(message(body, null));
    assertThat(decision.reason()).isEqualTo(ReplyReason.TEXT_TOO_LONG);
    assertThat(decision.replyText().length()).isEqualTo(ReplyClassifier.MAX_REPLY_TEXT_CHARS);
  }

  @Test
  void anHtmlBodyPastTheCapIsCutBeforeConversion() {
    int[] seen = {0};
    ReplyClassifier classifier =
        ReplyClassifier.builder()
            .htmlToText(
                html -> {
                  seen[0] = html.length();
                  return HtmlToText.simple().toText(html);
                })
            .build();
    String html = "<p>OK</p>" + "<b>".repeat(ReplyClassifier.MAX_BODY_CHARS);
    ReplyDecision decision = classifier.classifyWithoutStore(message(null, html));
    assertThat(seen[0]).isEqualTo(ReplyClassifier.MAX_BODY_CHARS);
    assertThat(decision.reason()).isEqualTo(ReplyReason.TEXT_TOO_LONG);
  }

  @Test
  void aBodyWithinTheCapIsReadAsBefore() {
    String body = "OK\n" + "x".repeat(1000);
    ReplyDecision decision = CLASSIFIER.classifyWithoutStore(message(body, null));
    assertThat(decision.reason()).isEqualTo(ReplyReason.ACCEPT_WORD);
  }

  @Test
  @org.junit.jupiter.api.Timeout(5)
  void aRunOfAmpersandsIsConvertedInLinearTime() {
    // Each '&' used to search the rest of the text for a ';': 200,000 of them took seconds.
    String text = HtmlToText.simple().toText("OK " + "&".repeat(200_000) + ";");
    assertThat(text).startsWith("OK &&&");
  }
}
