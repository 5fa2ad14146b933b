package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.error.MalformedMessageException.Reason;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.reply.ReplyReason;
import dev.dispatchkit.testkit.HostileMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four messages of issue 14 and the structural monsters: each ends with a decision or a typed
 * {@link MalformedMessageException}, within two seconds of CPU; and the work of the HTML path,
 * counted as bytes allocated, follows the input's size, not its square.
 */
class HostileInputTest {

  static final MimeParser PARSER = MimeParser.create();
  static final ReplyClassifier CLASSIFIER =
      ReplyClassifier.builder().htmlToText(JsoupHtmlToText.create()).build();
  private static final long BUDGET_NANOS = 2_000_000_000L;

  /** Parse and classify, on this thread, returning the decision. */
  static ReplyDecision read(byte[] raw) {
    return CLASSIFIER.classifyWithoutStore(PARSER.parse(raw));
  }

  private static ReplyDecision timed(byte[] raw) {
    long start = cpu();
    ReplyDecision decision = read(raw);
    long spent = cpu() - start;
    assertThat(spent).as("CPU nanoseconds").isLessThan(BUDGET_NANOS);
    return decision;
  }

  @Test
  void hundredThousandNestedDivsAreReadFlat() {
    byte[] raw = HostileMail.nestedDivs(100_000);
    assertThat(raw.length).isGreaterThan(500_000);
    ReplyDecision decision = timed(raw);
    assertThat(decision.reason()).isEqualTo(ReplyReason.ACCEPT_WORD);
  }

  @Test
  void hundredThousandUnclosedTagsAreReadFlat() {
    ReplyDecision decision = timed(HostileMail.unclosedTags(100_000));
    assertThat(decision.reason()).isEqualTo(ReplyReason.ACCEPT_WORD);
  }

  @Test
  void aMillionNestedDivsAreCutAndSaySo() {
    byte[] raw = HostileMail.nestedDivs(1_000_000);
    assertThat(raw.length).isGreaterThan(5_000_000);
    ReplyDecision decision = timed(raw);
    assertThat(decision.reason()).isEqualTo(ReplyReason.TEXT_TOO_LONG);
    assertThat(decision.intent()).isEqualTo(Intent.UNCLEAR);
  }

  @Test
  void aTwentyMebibyteLineIsCutAndSaysSo() {
    ReplyDecision decision = timed(HostileMail.longLine(20 * 1024 * 1024));
    assertThat(decision.reason()).isEqualTo(ReplyReason.TEXT_TOO_LONG);
    assertThat(decision.replyText().length())
        .isLessThanOrEqualTo(ReplyClassifier.MAX_REPLY_TEXT_CHARS)
        .isGreaterThan(ReplyClassifier.MAX_REPLY_TEXT_CHARS / 2);
  }

  @Test
  void aFiveMegabyteHeaderLineIsRead() {
    ReplyDecision decision = timed(HostileMail.longHeaderLine(5_000_000));
    assertThat(decision.reason()).isEqualTo(ReplyReason.ACCEPT_WORD);
  }

  @Test
  void nestingTwoHundredDeepIsRefusedAsTooDeep() {
    long start = cpu();
    assertThatThrownBy(() -> read(HostileMail.nestedMultiparts(200)))
        .isInstanceOfSatisfying(
            MalformedMessageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_DEEP));
    assertThat(cpu() - start).isLessThan(BUDGET_NANOS);
  }

  @Test
  void tenThousandPartsAreRefusedAsTooMany() {
    long start = cpu();
    assertThatThrownBy(() -> read(HostileMail.manyParts(10_000)))
        .isInstanceOfSatisfying(
            MalformedMessageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_MANY_PARTS));
    assertThat(cpu() - start).isLessThan(BUDGET_NANOS);
  }

  @Test
  void tenThousandPartsWithinARaisedLimitAreRead() {
    MimeParser lenient = MimeParser.builder().maxParts(20_000).build();
    long start = cpu();
    ReplyDecision decision =
        CLASSIFIER.classifyWithoutStore(lenient.parse(HostileMail.manyParts(10_000)));
    assertThat(cpu() - start).isLessThan(BUDGET_NANOS);
    assertThat(decision.intent()).isNotNull();
  }

  @Test
  void aSixtyMegabyteAttachmentIsRefusedAfterTheLimitWithoutMore(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("big.eml");
    try (OutputStream out = Files.newOutputStream(file)) {
      HostileMail.writeWithAttachment(out, 60_000_000L);
    }
    long start = cpu();
    try (InputStream in = Files.newInputStream(file)) {
      assertThatThrownBy(() -> PARSER.parse(in))
          .isInstanceOfSatisfying(
              MalformedMessageException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    }
    assertThat(cpu() - start).isLessThan(BUDGET_NANOS);
  }

  @Test
  void aTwentyMegabyteAttachmentWithinTheLimitIsCountedNotKept() {
    ReplyDecision decision = timed(HostileMail.withAttachment(18_000_000));
    assertThat(decision.reason()).isEqualTo(ReplyReason.ACCEPT_WORD);
    assertThat(PARSER.parse(HostileMail.withAttachment(1_000)).attachments().get(0).size())
        .isEqualTo(1_000);
  }

  @Test
  void anUndecodableTextPartIsSkippedAndTheRestRead() {
    byte[] raw =
        ("From: a@example.com\r\nSubject: Re: #123456\r\n"
                + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\n"
                + "--m\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "QQ\r\n--m\r\nContent-Type: text/plain\r\n\r\nOK\r\n--m--\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    var message = PARSER.parse(raw);
    assertThat(message.textBody()).isEqualTo("OK");
    assertThat(read(raw).reason()).isEqualTo(ReplyReason.ACCEPT_WORD);
    assertThat(message.attachments())
        .singleElement()
        .satisfies(a -> assertThat(a.size()).isEqualTo(-1));
  }

  @Test
  void aMultipartWithoutItsStartBoundaryIsReadAsText() {
    byte[] raw =
        ("From: a@example.com\r\nSubject: Re: #123456\r\n"
                + "Content-Type: multipart/mixed; boundary=\"m\"\r\n\r\nOK pour demain\r\n")
            .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    assertThat(read(raw).reason()).isEqualTo(ReplyReason.ACCEPT_WORD);
  }

  /** Bytes allocated per input byte may not grow with the size: a quadratic step would. */
  @Test
  void theHtmlPathsWorkFollowsTheSizeCountedInBytesAllocated() {
    assertLinear(HostileMail::nestedDivs, 1_000, 8_000); // through jsoup
    assertLinear(HostileMail::unclosedTags, 1_000, 8_000);
    assertLinear(HostileMail::nestedDivs, 20_000, 160_000); // flat, past the bound
    assertLinear(HostileMail::unclosedTags, 20_000, 160_000);
    assertLinear(HostileMail::longLine, 100_000, 800_000);
  }

  private static void assertLinear(IntFunction<byte[]> shape, int small, int large) {
    byte[] a = shape.apply(small);
    byte[] b = shape.apply(large);
    read(a); // warm up: class loading and the first compilations allocate too
    long perByteSmall = allocated(a) / a.length;
    long perByteLarge = allocated(b) / b.length;
    assertThat(perByteLarge)
        .as("bytes allocated per input byte, %d vs %d", large, small)
        .isLessThanOrEqualTo(perByteSmall * 2 + 8);
  }

  private static long allocated(byte[] raw) {
    long before = Meter.allocated();
    read(raw);
    return Meter.allocated() - before;
  }

  static long cpu() {
    return Meter.cpu();
  }
}
