package dev.dispatchkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.reply.Intent;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class InboxRecordTest {

  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  static InboxRecord record(
      boolean needsReview,
      @Nullable String subject,
      @Nullable String text,
      @Nullable Instant reviewedAt,
      @Nullable String reviewOutcome) {
    return new InboxRecord(
        "<k@x>",
        "<k@x>",
        "a@b.example",
        T0,
        Intent.UNCLEAR,
        "no-decision-word",
        null,
        "unclear",
        needsReview,
        subject,
        text,
        reviewedAt,
        reviewOutcome);
  }

  @Test
  void subjectAndTextAreCutAtTheirLimitsNeverInsideASurrogatePair() {
    String text = "a" + "🔧".repeat(InboxRecord.MAX_TEXT);
    InboxRecord r = record(true, "s".repeat(InboxRecord.MAX_SUBJECT + 1), text, null, null);
    assertThat(r.subject()).hasSize(InboxRecord.MAX_SUBJECT);
    assertThat(r.text()).isEqualTo(text.substring(0, InboxRecord.MAX_TEXT - 1));
    String exact = "é".repeat(InboxRecord.MAX_TEXT);
    assertThat(record(true, null, exact, null, null).text()).isSameAs(exact);
    assertThat(InboxRecord.MAX_TEXT).isEqualTo(16_384);
  }

  @Test
  void reviewedCopiesEverythingAndNoLongerNeedsReview() {
    InboxRecord waiting = record(true, "RE: x", "Peut-être", null, null);
    InboxRecord reviewed = waiting.reviewed("ACCEPT", T0.plusSeconds(60));
    assertThat(reviewed)
        .isEqualTo(record(false, "RE: x", "Peut-être", T0.plusSeconds(60), "ACCEPT"));
  }

  @Test
  void anInconsistentReviewIsRefused() {
    assertThatThrownBy(() -> record(false, null, null, T0, null))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> record(false, null, null, null, "ACCEPT"))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> record(true, null, null, T0, "ACCEPT"))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void theShortConstructorKeepsNoTextAndNoReview() {
    InboxRecord r =
        new InboxRecord(
            "<k@x>", null, null, T0, Intent.ACCEPT, "accept-word", null, "applied", false);
    assertThat(r.subject()).isNull();
    assertThat(r.text()).isNull();
    assertThat(r.reviewedAt()).isNull();
    assertThat(r.reviewOutcome()).isNull();
  }
}
