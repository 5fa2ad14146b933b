package dev.dispatchkit.benchmarks;

import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.reply.ReplyTrimmer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Trims and classifies adversarial bodies of growing size, to show that time grows linearly with
 * the body: compare the scores of {@code sizeKb} 256 and 1024 (about four times longer, not
 * sixteen). Shapes: many {@code >} lines alternating with text (interleaving), very long lines
 * without a break, and many header-like lines that never complete a header block.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TrimBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
// Five warm-up rounds: with two, the loaded 2-core machine gave errors larger than the scores.
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class TrimBenchmark {

  /** The body size in kilobytes (of characters). */
  @Param({"256", "1024"})
  public int sizeKb;

  /** The shape of the body. */
  @Param({"quotes", "longLines", "headerLike"})
  public String shape;

  private String body;
  private InboundMessage message;
  private final ReplyTrimmer trimmer = ReplyTrimmer.standard();
  private final ReplyClassifier classifier = ReplyClassifier.standard();

  /** Builds the body once per trial. */
  @Setup
  public void setUp() {
    int size = sizeKb * 1024;
    StringBuilder out = new StringBuilder(size + 200);
    out.append("OK, demain 10h\n");
    while (out.length() < size) {
      switch (shape) {
        case "quotes" ->
            out.append("> > > On Mon, 10 Mar 2025 wrote: > OK > Non\n").append("Non\n");
        case "longLines" -> {
          // One line of 64 KB of near-markers: spaces, dashes, digits and colons.
          for (int i = 0; i < 4096 && out.length() < size; i++) {
            out.append("De : -- 10:00 ");
          }
          out.append('\n');
        }
        default ->
            out.append("From: someone\n")
                .append("Le 10 mars 2025, x <\n")
                .append("Objet pas de deux-points\n")
                .append("----- presque -----\n");
      }
    }
    body = out.toString();
    message =
        InboundMessage.builder()
            .inReplyTo("dispatch@example.com")
            .subject("RE: #123456")
            .textBody(body)
            .build();
  }

  /** The trimmer alone. */
  @Benchmark
  public String extract() {
    return trimmer.extract(body);
  }

  /** The whole classification, trimming included. */
  @Benchmark
  public ReplyDecision classify() {
    return classifier.classify(message, classifier.correlate(message).resolveWithoutStore());
  }
}
