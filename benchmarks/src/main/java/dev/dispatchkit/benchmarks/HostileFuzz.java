package dev.dispatchkit.benchmarks;

import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.mail.JsoupHtmlToText;
import dev.dispatchkit.mail.MimeParser;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.testkit.HostileMail;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * The fuzz pass of {@code HostileFuzzTest} at any size: mutated seed messages through {@link
 * MimeParser} and {@link ReplyClassifier}, each case read twice. Prints the outcomes by kind, the
 * cases that broke a rule (an exception other than {@code MalformedMessageException}, an error
 * message of more than one line or naming a library class, a different outcome the second time,
 * more than the CPU budget), and the CPU time per case.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.dispatchkit.benchmarks.HostileFuzz [cases]} (100,000
 * by default). Case {@code i} uses {@code new Random(i)}, as the test does.
 */
public final class HostileFuzz {

  private static final long BUDGET_NANOS = 2_000_000_000L;

  private HostileFuzz() {}

  /** Runs the pass; exits with 1 when any case broke a rule. */
  public static void main(String[] args) {
    int cases = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    MimeParser parser = MimeParser.create();
    ReplyClassifier classifier =
        ReplyClassifier.builder().htmlToText(JsoupHtmlToText.create()).build();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<byte[]> seeds = HostileMail.seeds();
    HostileMail.Mutation[] kinds = HostileMail.Mutation.values();
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Integer> errors = new TreeMap<>();
    int broken = 0;
    long maxCpu = 0;
    long totalCpu = 0;
    long started = System.nanoTime();
    for (int i = 0; i < cases; i++) {
      Random random = new Random(i);
      HostileMail.Mutation kind = kinds[i % kinds.length];
      byte[] raw = HostileMail.mutate(seeds.get(random.nextInt(seeds.size())), kind, random);
      long cpu = threads.getCurrentThreadCpuTime();
      String first;
      try {
        first = outcome(raw, parser, classifier);
      } catch (RuntimeException | Error e) {
        broken++;
        System.out.println("case " + i + " (" + kind + ") threw " + e);
        continue;
      }
      long spent = threads.getCurrentThreadCpuTime() - cpu;
      totalCpu += spent;
      maxCpu = Math.max(maxCpu, spent);
      String second = outcome(raw, parser, classifier);
      String problem = null;
      if (!first.equals(second)) {
        problem = "a different outcome the second time";
      } else if (spent > BUDGET_NANOS) {
        problem = "over budget: " + spent / 1_000_000 + " ms";
      } else if (first.startsWith("error ")
          && (first.contains("\n") || first.contains("Exception") || first.contains("nested"))) {
        problem = "error text: " + first;
      }
      if (problem != null) {
        broken++;
        System.out.println("case " + i + " (" + kind + "): " + problem);
      }
      String key = first.startsWith("error ") ? first.split(" ", 3)[1] : "decision";
      outcomes.merge(key, 1, Integer::sum);
      if (first.startsWith("error ")) {
        errors.merge(kind + ": " + first.substring(6), 1, Integer::sum);
      }
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("cases %d, broken %d, wall %.1f s%n", cases, broken, seconds);
    System.out.printf(
        "CPU per case (first read): mean %.3f ms, max %.1f ms%n",
        totalCpu / 1e6 / Math.max(1, cases), maxCpu / 1e6);
    outcomes.forEach((k, v) -> System.out.printf("  %-16s %d%n", k, v));
    System.out.println("whole-message errors by mutation and message:");
    errors.forEach((k, v) -> System.out.printf("  %6d  %s%n", v, k));
    if (broken > 0) {
      System.exit(1);
    }
  }

  private static String outcome(byte[] raw, MimeParser parser, ReplyClassifier classifier) {
    try {
      ReplyDecision d = classifier.classifyWithoutStore(parser.parse(raw));
      return d.reason() + " " + d.trackingNumber() + " " + d.correlation() + " " + d.replyText();
    } catch (MalformedMessageException e) {
      return "error " + e.reason() + " " + e.getMessage();
    }
  }
}
