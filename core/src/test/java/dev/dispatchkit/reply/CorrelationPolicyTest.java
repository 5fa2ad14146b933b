package dev.dispatchkit.reply;

import static dev.dispatchkit.reply.Replies.DISPATCH;
import static dev.dispatchkit.reply.Replies.NUMBER;
import static dev.dispatchkit.reply.Replies.classify;
import static dev.dispatchkit.reply.Replies.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.workorder.TrackingNumber;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
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
        Replies.classifyWithoutStore(reply("OK").from("x@y.example").subject("RE: hello").build());
    assertThat(byHeader.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(byHeader.correlation()).isEqualTo(Correlation.IN_REPLY_TO);
    assertThat(byHeader.trackingNumber()).isNull();

    ReplyDecision bySubject = Replies.classifyWithoutStore(reply("Non").inReplyTo(null).build());
    assertThat(bySubject.correlation()).isEqualTo(Correlation.SUBJECT);
    assertThat(bySubject.trackingNumber()).isEqualTo(NUMBER);

    ReplyDecision none =
        Replies.classifyWithoutStore(reply("OK").inReplyTo(null).subject("hello").build());
    assertThat(none.reason()).isEqualTo(ReplyReason.NO_WORK_ORDER);
  }

  @Test
  void correlateListsTheCandidatesInThePolicysOrder() {
    String otherToken = Replies.TOKENS.address("dispatch", "dispatchkit.example", 7L);
    InboundMessage message =
        reply("OK")
            .to(TOKEN_ADDRESS)
            .cc(List.of("someone@example.com", otherToken))
            .inReplyTo("<answered@example.com>")
            .references(List.of("<first@example.com>", " ", "<second@example.com>"))
            .subject("RE: Demande d'intervention #123456")
            .build();

    ReplyCandidates candidates = Replies.CLASSIFIER.correlate(message);

    assertThat(candidates.dispatchIds()).containsExactly(DISPATCH, 7L);
    assertThat(candidates.messageIds())
        .containsExactly("answered@example.com", "second@example.com", "first@example.com");
    assertThat(candidates.subjectNumber()).isEqualTo(NUMBER);
    assertThat(candidates.isEmpty()).isFalse();
  }

  @Test
  void correlateFindsNothingInAMessageThatNamesNoWorkOrder() {
    ReplyCandidates candidates = Replies.CLASSIFIER.correlate(uncorrelated("OK").build());
    assertThat(candidates.isEmpty()).isTrue();
    assertThat(candidates.resolveWithoutStore()).isNull();
  }

  @Test
  void withoutTokenKeysNoDispatchIdIsACandidate() {
    InboundMessage message = uncorrelated("OK").to(TOKEN_ADDRESS).build();
    assertThat(ReplyClassifier.standard().correlate(message).dispatchIds()).isEmpty();
    assertThat(Replies.CLASSIFIER.correlate(message).dispatchIds()).containsExactly(DISPATCH);
  }

  @Test
  void resolvingWithoutAStorePrefersAHeaderAndNeverUsesADispatchId() {
    ReplyCandidates all = new ReplyCandidates(List.of(DISPATCH), List.of("a@b.example"), NUMBER);
    ReplyTarget byHeader = all.resolveWithoutStore();
    assertThat(byHeader).isNotNull();
    assertThat(byHeader.correlation()).isEqualTo(Correlation.IN_REPLY_TO);
    assertThat(byHeader.trackingNumber()).isNull();
    assertThat(byHeader.allows("anyone@anywhere.example")).isTrue();
    assertThat(byHeader.zone()).isNull();

    ReplyTarget bySubject =
        new ReplyCandidates(List.of(DISPATCH), List.of(), NUMBER).resolveWithoutStore();
    assertThat(bySubject).isNotNull();
    assertThat(bySubject.correlation()).isEqualTo(Correlation.SUBJECT);
    assertThat(bySubject.trackingNumber()).isEqualTo(NUMBER);

    assertThat(new ReplyCandidates(List.of(DISPATCH), List.of(), null).resolveWithoutStore())
        .isNull();
  }

  @Test
  void aBlankMessageIdIsRefused() {
    assertThatThrownBy(() -> new ReplyCandidates(List.of(), List.of(" "), null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void classifyNeedsNoStoreOnlyTheTargetItIsGiven() {
    // A target built by hand, for a message whose headers name no work order at all: classify
    // reads the target it is given and asks nothing else.
    ReplyTarget target =
        ReplyTarget.of(
            TrackingNumber.of("777777"),
            Set.of("Boss@Plombier.example"),
            ZoneId.of("America/New_York"),
            Correlation.SUBJECT);
    InboundMessage message =
        uncorrelated("OK demain 10h")
            .from("boss@plombier.example")
            .date(java.time.OffsetDateTime.parse("2025-03-11T03:30:00Z"))
            .build();

    ReplyDecision decision = Replies.CLASSIFIER.classify(message, target);

    assertThat(decision.intent()).isEqualTo(Intent.ACCEPT);
    assertThat(decision.correlation()).isEqualTo(Correlation.SUBJECT);
    assertThat(decision.trackingNumber()).isEqualTo(TrackingNumber.of("777777"));
    // 03:30 UTC is still Monday 23:30 in New York: "demain" is Tuesday.
    assertThat(decision.proposedDate()).isEqualTo(LocalDateTime.parse("2025-03-11T10:00"));
    assertThat(Replies.CLASSIFIER.classify(message, null).reason())
        .isEqualTo(ReplyReason.NO_WORK_ORDER);
    assertThat(
            Replies.CLASSIFIER
                .classify(uncorrelated("OK").from("other@plombier.example").build(), target)
                .reason())
        .isEqualTo(ReplyReason.SENDER_NOT_ALLOWED);
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
