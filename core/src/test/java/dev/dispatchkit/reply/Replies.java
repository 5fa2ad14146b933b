package dev.dispatchkit.reply;

import dev.dispatchkit.workorder.TrackingNumber;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Test fixtures: a provider's reply to work order 123456, and a store that knows it. */
final class Replies {

  static final String PROVIDER = "dispatch@plombier.example";
  static final TrackingNumber NUMBER = TrackingNumber.of("123456");
  static final String DISPATCH_ID = "dispatch-123456@dispatchkit.example";
  static final long DISPATCH = 42L;
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** Monday 10 March 2025, 09:00 in Paris. */
  static final OffsetDateTime MONDAY_9AM = OffsetDateTime.parse("2025-03-10T09:00:00+01:00");

  static final ReplyTokens TOKENS =
      ReplyTokens.builder()
          .signingKey(1, "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
          .build();

  static final ReplyClassifier CLASSIFIER = ReplyClassifier.builder().replyTokens(TOKENS).build();

  private Replies() {}

  /** A reply by the provider to the dispatch, found through In-Reply-To. */
  static InboundMessage.Builder reply(String body) {
    return InboundMessage.builder()
        .messageId("reply-1@plombier.example")
        .inReplyTo(DISPATCH_ID)
        .from(PROVIDER)
        .to("dispatch@dispatchkit.example")
        .subject("RE: Demande d'intervention #123456 - Fuite")
        .date(MONDAY_9AM)
        .textBody(body);
  }

  static ReplyDecision classify(String body) {
    return classifyInStore(CLASSIFIER, reply(body).build());
  }

  static ReplyDecision classify(InboundMessage.Builder message) {
    return classifyInStore(CLASSIFIER, message.build());
  }

  static MailHeaders headers(String... nameValues) {
    List<MailHeaders.Field> fields = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      fields.add(new MailHeaders.Field(nameValues[i], nameValues[i + 1]));
    }
    return MailHeaders.of(fields);
  }

  /**
   * Classifies as a host whose store knows one work order, 123456, dispatched with {@link
   * #DISPATCH_ID} under dispatch id {@link #DISPATCH}.
   */
  static ReplyDecision classifyInStore(ReplyClassifier classifier, InboundMessage message) {
    return classifier.classify(message, inStore(classifier.correlate(message)));
  }

  /** Classifies as a tool with no store: correlate, resolve without a store, classify. */
  static ReplyDecision classifyWithoutStore(InboundMessage message) {
    return CLASSIFIER.classify(message, CLASSIFIER.correlate(message).resolveWithoutStore());
  }

  /** The fixture store's answer: the first candidate it knows, in the policy's order. */
  static @Nullable ReplyTarget inStore(ReplyCandidates candidates) {
    for (long dispatchId : candidates.dispatchIds()) {
      if (dispatchId == DISPATCH) {
        return target(Correlation.TOKEN);
      }
    }
    for (String messageId : candidates.messageIds()) {
      if (messageId.equals(DISPATCH_ID)) {
        return target(Correlation.IN_REPLY_TO);
      }
    }
    return NUMBER.equals(candidates.subjectNumber()) ? target(Correlation.SUBJECT) : null;
  }

  /** Work order 123456 as the store knows it, found by {@code correlation}. */
  static ReplyTarget target(Correlation correlation) {
    return ReplyTarget.of(NUMBER, Set.of(PROVIDER, "chef@plombier.example"), PARIS, correlation);
  }
}
