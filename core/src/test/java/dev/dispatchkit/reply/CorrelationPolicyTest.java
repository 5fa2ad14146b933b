package dev.dispatchkit.reply;

import static dev.dispatchkit.reply.Replies.DISPATCH;
import static dev.dispatchkit.reply.Replies.NUMBER;
import static dev.dispatchkit.reply.Replies.classify;
import static dev.dispatchkit.reply.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Steps 2 and 3 of REPLIES.md: which work order, and who sent the reply. */
class CorrelationPolicyTest {

  private static final String TOKEN_ADDRESS =
      Replies.TOKENS.address("dispatch", "dispatchkit.example", DISPATCH);

  private static InboundMessage.Builder uncorrelated(String body) {
    return reply(body).inReplyTo(null).subject("RE: Votre demande");
  }

  @Test
  void aValidTokenInTheRecipientAddressFindsTheWorkOrder() {
    for (InboundMessage.Builder message :
        List.of(
            uncorrelated("OK").to(TOKEN_ADDRESS),
            uncorrelated("OK").cc(List.of(TOKEN_ADDRESS)),
            uncorrelated("OK")
                .deliveredTo(List.of(TOKEN_ADDRESS.toUpperCase(java.util.Locale.ROOT))),
            uncorrelated("OK").originalTo(List.of(TOKEN_ADDRESS)))) {
      ReplyDecision decision = classify(message);
      assertThat(decision.correlation()).isEqualTo(Correlation.TOKEN);
      assertThat(decision.trackingNumber()).isEqualTo(NUMBER);
      assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    }
  }

  @Test
  void theTokenComesBeforeInReplyTo() {
    assertThat(classify(reply("OK").to(TOKEN_ADDRESS)).correlation()).isEqualTo(Correlation.TOKEN);
  }

  @Test
  void aForgedTokenIsIgnored() {
    String forged = TOKEN_ADDRESS.replace("+", "+a").substring(0, TOKEN_ADDRESS.length());
    assertThat(classify(uncorrelated("OK").to(forged)).reason())
        .isEqualTo(ReplyReason.NO_WORK_ORDER);
  }

  @Test
  void inReplyToMatchingTheDispatchFindsTheWorkOrder() {
    ReplyDecision decision = classify(reply("OK").subject("RE: Votre demande"));
    assertThat(decision.correlation()).isEqualTo(Correlation.IN_REPLY_TO);
    assertThat(decision.trackingNumber()).isEqualTo(NUMBER);
  }

  @Test
  void referencesMatchingTheDispatchFindTheWorkOrder() {
    ReplyDecision decision =
        classify(
            uncorrelated("OK")
                .references(List.of("<" + Replies.DISPATCH_ID + ">", "other@example.com")));
    assertThat(decision.correlation()).isEqualTo(Correlation.IN_REPLY_TO);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RE: Demande d'intervention #123456",
        "RE: Demande d'intervention # 123456 du 14/03/2025",
        "TR: RE: intervention 123456",
        "Re: [123456] Fuite"
      })
  void aTrackingNumberInTheSubjectFindsTheWorkOrder(String subject) {
    ReplyDecision decision = classify(reply("OK").inReplyTo(null).subject(subject));
    assertThat(decision.correlation()).isEqualTo(Correlation.SUBJECT);
    assertThat(decision.trackingNumber()).isEqualTo(NUMBER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "RE: rappel au 06 12 34 56 78",
        "RE: intervention du 14/03/2025",
        "RE: appelez le +33612345678",
        "RE: montant 1234567.50",
        "RE: #123456 ou #654321",
        "RE: Votre demande",
        "RE: réf AB123456"
      })
  void datesPhonesAndAmbiguousNumbersAreNoTrackingNumber(String subject) {
    ReplyDecision decision = classify(reply("OK").inReplyTo(null).subject(subject));
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.reason()).isEqualTo(ReplyReason.NO_WORK_ORDER);
    assertThat(decision.trackingNumber()).isNull();
    assertThat(decision.correlation()).isNull();
  }

  @Test
  void theHashFormWinsOverABareNumber() {
    ReplyDecision decision =
        classify(reply("OK").inReplyTo(null).subject("RE: 987654 suite #123456"));
    assertThat(decision.trackingNumber()).isEqualTo(NUMBER);
  }

  @Test
  void noMatchIsUnclearWithTheTextKept() {
    ReplyDecision decision = classify(uncorrelated("OK pour moi"));
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.reason()).isEqualTo(ReplyReason.NO_WORK_ORDER);
    assertThat(decision.replyText()).isEqualTo("OK pour moi");
  }

  @Test
  void anotherSenderIsNotAppliedWhateverItSays() {
    ReplyDecision decision = classify(reply("OK").from("someone@elsewhere.example"));
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
    assertThat(decision.reason()).isEqualTo(ReplyReason.SENDER_NOT_ALLOWED);
    assertThat(decision.trackingNumber()).isEqualTo(NUMBER);
  }

  @Test
  void aSenderListedAsAllowedMayAnswer() {
    assertThat(classify(reply("Non").from("chef@plombier.example")).intent())
        .isEqualTo(Intent.DECLINE);
  }

  @Test
  void sendersCompareCaseInsensitively() {
    assertThat(classify(reply("OK").from("Dispatch@PLOMBIER.example")).intent())
        .isEqualTo(Intent.ACCEPT);
  }

  @Test
  void aSubAddressIsAnotherSender() {
    assertThat(classify(reply("OK").from("dispatch+x@plombier.example")).reason())
        .isEqualTo(ReplyReason.SENDER_NOT_ALLOWED);
  }

  @Test
  void noSenderIsNotAllowed() {
    assertThat(classify(reply("OK").from(null)).reason()).isEqualTo(ReplyReason.SENDER_NOT_ALLOWED);
  }

  @Test
  void withoutAStoreAnyHeaderOrSubjectNumberCountsAndAnySenderIsAllowed() {
    ReplyDecision byHeader =
        Replies.CLASSIFIER.classify(
            reply("OK").from("x@y.example").subject("RE: hello").build(),
            ReplyContext.withoutStore());
    assertThat(byHeader.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(byHeader.correlation()).isEqualTo(Correlation.IN_REPLY_TO);
    assertThat(byHeader.trackingNumber()).isNull();

    ReplyDecision bySubject =
        Replies.CLASSIFIER.classify(
            reply("Non").inReplyTo(null).build(), ReplyContext.withoutStore());
    assertThat(bySubject.correlation()).isEqualTo(Correlation.SUBJECT);
    assertThat(bySubject.trackingNumber()).isEqualTo(NUMBER);

    ReplyDecision none =
        Replies.CLASSIFIER.classify(
            reply("OK").inReplyTo(null).subject("hello").build(), ReplyContext.withoutStore());
    assertThat(none.reason()).isEqualTo(ReplyReason.NO_WORK_ORDER);
  }

  @Test
  void codesAreStable() {
    assertThat(Correlation.TOKEN.code()).isEqualTo("token");
    assertThat(Correlation.IN_REPLY_TO.code()).isEqualTo("in-reply-to");
    assertThat(Correlation.SUBJECT.code()).isEqualTo("subject");
    assertThat(ReplyReason.NO_WORK_ORDER.code()).isEqualTo("no-work-order");
    assertThat(ReplyReason.SENDER_NOT_ALLOWED.code()).isEqualTo("sender-not-allowed");
    for (ReplyReason reason : ReplyReason.values()) {
      assertThat(reason.code()).matches("[a-z]+(-[a-z]+)*");
    }
  }
}
