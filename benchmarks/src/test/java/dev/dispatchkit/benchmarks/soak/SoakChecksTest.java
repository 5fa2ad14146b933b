package dev.dispatchkit.benchmarks.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.reply.InboundResult.Outcome;
import dev.dispatchkit.workorder.CommandKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The soak's end checks catch each way exactly-once can break. */
class SoakChecksTest {
  private static final List<CommandKind> DISPATCHED =
      List.of(CommandKind.DISPATCH, CommandKind.RECORD_DISPATCH_MESSAGE);

  private final SoakChecks checks = new SoakChecks();

  @Test
  void aMessageAppliedOnceAndFoundADuplicateByItsSecondDeliveryPasses() {
    checks.outcomes(
        Map.of("a", ReplyPlan.Kind.OK, "b", ReplyPlan.Kind.AWAY),
        Map.of("a", 2, "b", 1),
        Map.of(
            "a", List.of(Outcome.DUPLICATE, Outcome.APPLIED), "b", List.of(Outcome.MACHINE_MAIL)));

    assertThat(checks.failures()).isEmpty();
  }

  @Test
  void aMessageAppliedTwiceFails() {
    checks.outcomes(
        Map.of("a", ReplyPlan.Kind.OK),
        Map.of("a", 2),
        Map.of("a", List.of(Outcome.APPLIED, Outcome.APPLIED)));

    assertThat(checks.failures()).singleElement().asString().contains("a: applied 2 times");
  }

  @Test
  void aLostDeliveryAndAWrongOutcomeFail() {
    checks.outcomes(
        Map.of("a", ReplyPlan.Kind.UNCLEAR), Map.of("a", 2), Map.of("a", List.of(Outcome.APPLIED)));

    assertThat(checks.failures())
        .containsExactly(
            "a: delivered 2 times, 1 results", "a: APPLIED where a UNCLEAR reply is REVIEW");
  }

  @Test
  void theInboxMustHoldEveryMessageOnceAndNothingElse() {
    checks.inbox(Set.of("a", "b"), List.of("a", "a", "c"));

    assertThat(checks.failures())
        .containsExactlyInAnyOrder(
            "inbox: 1 messages recorded twice",
            "inbox: no record of b",
            "inbox: a record of c, never delivered");
  }

  @Test
  void anAnsweredOrderWithItsAnswerAndNotesOncePasses() {
    List<CommandKind> kinds =
        List.of(
            CommandKind.DISPATCH,
            CommandKind.RECORD_DISPATCH_MESSAGE,
            CommandKind.ACCEPT,
            CommandKind.ADD_NOTE);

    checks.timeline(0, true, kinds, 4, true);
    checks.timeline(2, false, DISPATCHED, 2, true);

    assertThat(checks.failures()).isEmpty();
  }

  @Test
  void anAnswerAppliedTwiceOrAVersionWithoutItsEventFails() {
    List<CommandKind> twice =
        List.of(
            CommandKind.DISPATCH,
            CommandKind.RECORD_DISPATCH_MESSAGE,
            CommandKind.ACCEPT,
            CommandKind.ADD_NOTE,
            CommandKind.ACCEPT);

    checks.timeline(0, true, twice, 6, false);

    assertThat(checks.failures())
        .containsExactly(
            "work order 0: 2 accepts, 0 declines, 1 notes; expected 1, 0, 1",
            "work order 0: version 6 but 5 events",
            "work order 0: its timeline does not replay to the stored work order");
  }

  @Test
  void anUnclearReplyOnAnOddOrderAddsItsNoteToTheDecline() {
    // Order 1 is declined and gets an unclear reply too: two notes.
    checks.timeline(
        1,
        true,
        List.of(
            CommandKind.DISPATCH,
            CommandKind.RECORD_DISPATCH_MESSAGE,
            CommandKind.DECLINE,
            CommandKind.ADD_NOTE),
        4,
        true);

    assertThat(checks.failures())
        .containsExactly("work order 1: 0 accepts, 1 declines, 1 notes; expected 0, 1, 2");
  }

  @Test
  void everyOutboxMailSentOnceToTheSenderPasses() {
    checks.outbox(Map.of("m1", "SENT", "m2", "SENT"), sends("m1", 1, "m2", 1));

    assertThat(checks.failures()).isEmpty();
  }

  @Test
  void aMailSentTwiceOrNeverOrUnknownToTheOutboxFails() {
    checks.outbox(Map.of("twice", "SENT", "never", "PENDING"), sends("twice", 2, "stray", 1));

    assertThat(checks.failures())
        .containsExactlyInAnyOrder(
            "outbox twice: handed to the sender 2 times",
            "outbox never: PENDING, not sent",
            "outbox never: never handed to the sender",
            "sender got stray, which the outbox does not hold");
  }

  @Test
  void aDeadlockFailsTheRunThoughTheStoreRanItAgain() {
    checks.noRollbacks(Map.of());
    assertThat(checks.failures()).isEmpty();

    checks.noRollbacks(Map.of("40P01", 1L));
    assertThat(checks.failures()).singleElement().asString().contains("rolled back 1");
  }

  @Test
  void afterTwentyFailuresOnlyTheirNumberIsKept() {
    for (int i = 0; i < 25; i++) {
      checks.fail("failure " + i);
    }

    assertThat(checks.count()).isEqualTo(25);
    assertThat(checks.failures())
        .hasSize(SoakChecks.LISTED + 1)
        .endsWith("... and 5 more failures");
  }

  private static Map<String, AtomicInteger> sends(String a, int na, String b, int nb) {
    return Map.of(a, new AtomicInteger(na), b, new AtomicInteger(nb));
  }
}
