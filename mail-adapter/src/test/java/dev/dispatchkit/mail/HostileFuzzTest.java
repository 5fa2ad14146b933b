package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.testkit.HostileMail;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A seed-mutation fuzz pass over the parser and the classifier: 2,000 mutated messages, each
 * mutation kind a quarter of a thousand times. Each ends with a decision or a typed {@link
 * MalformedMessageException} whose message is one line of our own words, within its CPU budget, and
 * the same bytes give the same outcome twice. The command {@code HostileFuzz} of the benchmarks
 * module runs the same pass at any size.
 */
class HostileFuzzTest {

  private static final int CASES = 2_000;
  private static final long BUDGET_NANOS = 2_000_000_000L;

  @Test
  void everyMutatedMessageEndsWithADecisionOrATypedErrorWithinItsBudgetAndTheSameTwice() {
    List<byte[]> seeds = HostileMail.seeds();
    HostileMail.Mutation[] kinds = HostileMail.Mutation.values();
    Map<HostileMail.Mutation, Integer> errors = new EnumMap<>(HostileMail.Mutation.class);
    for (int i = 0; i < CASES; i++) {
      Random random = new Random(i);
      HostileMail.Mutation kind = kinds[i % kinds.length];
      byte[] raw = HostileMail.mutate(seeds.get(random.nextInt(seeds.size())), kind, random);
      long start = Meter.cpu();
      String first = outcome(raw);
      assertThat(Meter.cpu() - start).as("case %d (%s) CPU", i, kind).isLessThan(BUDGET_NANOS);
      assertThat(outcome(raw)).as("case %d (%s) again", i, kind).isEqualTo(first);
      if (first.startsWith("error ")) {
        errors.merge(kind, 1, Integer::sum);
        assertThat(first)
            .as("case %d (%s)", i, kind)
            .doesNotContain("\n", "nested exception", "Exception", "Decoder", "jakarta");
      }
    }
    // Lenient where a mail client is: no mutation kind makes most of its messages unreadable.
    for (var entry : errors.entrySet()) {
      assertThat(entry.getValue())
          .as("whole-message errors from %s", entry.getKey())
          .isLessThan(CASES / kinds.length / 2);
    }
  }

  /** The decision's fields, or "error" with the exception's reason and message. */
  static String outcome(byte[] raw) {
    try {
      ReplyDecision d = HostileInputTest.read(raw);
      return d.reason() + " " + d.trackingNumber() + " " + d.correlation() + " " + d.replyText();
    } catch (MalformedMessageException e) {
      return "error " + e.reason() + " " + e.getMessage();
    }
  }
}
