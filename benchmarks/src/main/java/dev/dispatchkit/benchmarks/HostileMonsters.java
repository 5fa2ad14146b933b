package dev.dispatchkit.benchmarks;

import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.mail.JsoupHtmlToText;
import dev.dispatchkit.mail.MimeParser;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.testkit.HostileMail;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Parse plus classify of each structural monster of issue 14, with the CPU time of the best of
 * three reads (the first read of the run warms the JVM up) and the outcome. Run it with the heap
 * the figures should hold for, such as {@code -Xmx64m}.
 *
 * <p>Usage: {@code java -Xmx64m -cp benchmarks.jar dev.dispatchkit.benchmarks.HostileMonsters}
 */
public final class HostileMonsters {

  private HostileMonsters() {}

  /** Prints one line per monster: name, size in bytes, CPU milliseconds, outcome. */
  public static void main(String[] args) throws IOException {
    MimeParser parser = MimeParser.create();
    ReplyClassifier classifier =
        ReplyClassifier.builder().htmlToText(JsoupHtmlToText.create()).build();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // The attachments are written to files and streamed from them, as a host reads a spool.
    Map<String, Path> files = new LinkedHashMap<>();
    for (long bytes : new long[] {18_000_000L, 60_000_000L}) {
      Path file = Files.createTempFile("monster", ".eml");
      try (OutputStream out = Files.newOutputStream(file)) {
        HostileMail.writeWithAttachment(out, bytes);
      }
      files.put(bytes / 1_000_000 + " MB attachment", file);
    }
    Map<String, Supplier<byte[]>> shapes = new LinkedHashMap<>();
    shapes.put("100k nested div", () -> HostileMail.nestedDivs(100_000));
    shapes.put("100k unclosed tags", () -> HostileMail.unclosedTags(100_000));
    shapes.put("1M nested div", () -> HostileMail.nestedDivs(1_000_000));
    shapes.put("20 MiB line", () -> HostileMail.longLine(20 * 1024 * 1024));
    shapes.put("5 MB header line", () -> HostileMail.longHeaderLine(5_000_000));
    shapes.put("nesting 200 deep", () -> HostileMail.nestedMultiparts(200));
    shapes.put("10,000 parts", () -> HostileMail.manyParts(10_000));
    files.keySet().forEach(name -> shapes.put(name, () -> null));
    for (var shape : shapes.entrySet()) {
      long best = Long.MAX_VALUE;
      String outcome = "";
      long size = 0;
      for (int run = 0; run < 3; run++) {
        byte[] raw = shape.getValue().get();
        Path big = files.get(shape.getKey());
        size = raw == null ? Files.size(big) : raw.length;
        long start = threads.getCurrentThreadCpuTime();
        try (InputStream in =
            raw == null ? Files.newInputStream(big) : InputStream.nullInputStream()) {
          // Held bytes are parsed as they are; the file is streamed, as a host reading a spool
          // would.
          ReplyDecision d =
              classifier.classifyWithoutStore(raw == null ? parser.parse(in) : parser.parse(raw));
          outcome = d.reason().code();
        } catch (MalformedMessageException e) {
          outcome = "error " + e.reason() + ": " + e.getMessage();
        }
        best = Math.min(best, threads.getCurrentThreadCpuTime() - start);
      }
      System.out.printf(
          "%-20s %,12d bytes %8.1f ms CPU  %s%n", shape.getKey(), size, best / 1e6, outcome);
    }
    for (Path file : files.values()) {
      Files.delete(file);
    }
  }
}
