package dev.dispatchkit.benchmarks;

import dev.dispatchkit.reply.HtmlToText;
import dev.dispatchkit.reply.ReplyTrimmer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Runs the reply trimmer over the public corpus of (input, expected) cases and prints pass or fail
 * per case, and totals per set. The comparison rule is the corpus README's: line endings as LF,
 * trailing spaces and tabs removed from each line, then the whole text stripped, then exact
 * equality.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.dispatchkit.benchmarks.CorpusReport <corpus-dir>
 * [--verbose]}. With {@code --verbose}, each failure prints the expected and the actual text.
 *
 * <p>The {@code talon/html_replies} set needs an HTML converter that removes quote containers first
 * (the mail adapter's jsoup converter). {@link #HTML_CONVERTER} is the hook: when it is set, the
 * set runs with the whitespace-free comparison of the README; the core's simple converter is used
 * until then.
 */
public final class CorpusReport {

  /**
   * The converter for the HTML set. Replace with the mail adapter's jsoup converter once it exists;
   * the core's dependency-free converter is the stand-in.
   */
  static final HtmlToText HTML_CONVERTER = HtmlToText.simple();

  private final ReplyTrimmer trimmer = ReplyTrimmer.standard();
  private final boolean verbose;
  private int passed;
  private int total;

  private CorpusReport(boolean verbose) {
    this.verbose = verbose;
  }

  /**
   * @param args the corpus directory, optionally followed by {@code --verbose}
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: CorpusReport <corpus-dir> [--verbose]");
      System.exit(2);
    }
    Path corpus = Path.of(args[0]);
    boolean verbose = args.length > 1 && args[1].equals("--verbose");
    CorpusReport report = new CorpusReport(verbose);
    List<String> totals = new ArrayList<>();
    totals.add(report.runTrimmerSet(corpus.resolve("trimmer")));
    totals.add(report.runTalonStandard(corpus.resolve("talon").resolve("standard_replies")));
    totals.add(report.runTalonHtml(corpus.resolve("talon").resolve("html_replies")));
    System.out.println();
    totals.forEach(System.out::println);
    System.out.printf("all: %d/%d%n", report.passed, report.total);
  }

  private String runTrimmerSet(Path dir) throws IOException {
    int pass = 0;
    int count = 0;
    for (Path input : sorted(dir.resolve("input"), "*.txt")) {
      String name = input.getFileName().toString();
      String expected = read(dir.resolve("expected").resolve(name));
      String actual = trimmer.extract(read(input).strip());
      count++;
      if (check("trimmer/" + name, expected, actual, CorpusReport::normalise)) {
        pass++;
      }
    }
    return String.format("trimmer: %d/%d", pass, count);
  }

  private String runTalonStandard(Path dir) throws Exception {
    int pass = 0;
    int count = 0;
    for (Path eml : sorted(dir, "*.eml")) {
      String base = eml.getFileName().toString().replaceFirst("\\.eml$", "");
      Path replyText = dir.resolve("expected").resolve(base + "_reply_text");
      Path expectedFile = dir.resolve("expected").resolve(base + ".txt");
      String expected =
          Files.exists(expectedFile)
              ? read(expectedFile)
              : Files.exists(replyText) ? read(replyText) : "Hello";
      String text = firstPlainText(eml);
      String actual = text == null ? "" : trimmer.extract(text);
      count++;
      if (check("talon/standard_replies/" + base, expected, actual, CorpusReport::normalise)) {
        pass++;
      }
    }
    return String.format("talon/standard_replies: %d/%d", pass, count);
  }

  private String runTalonHtml(Path dir) throws IOException {
    int pass = 0;
    int count = 0;
    for (Path html : sorted(dir, "*.html")) {
      String base = html.getFileName().toString().replaceFirst("\\.html$", "");
      Path expectedFile = dir.resolve("expected").resolve(base + ".txt");
      String expected =
          Files.exists(expectedFile) ? read(expectedFile) : "Hi. I am fine.\n\nThanks,\nAlex";
      String actual = trimmer.extract(HTML_CONVERTER.toText(read(html)));
      count++;
      if (check("talon/html_replies/" + base, expected, actual, CorpusReport::withoutWhitespace)) {
        pass++;
      }
    }
    return String.format("talon/html_replies: %d/%d (converter: %s)", pass, count, HTML_CONVERTER);
  }

  private boolean check(
      String name, String expected, String actual, UnaryOperator<String> comparisonForm) {
    total++;
    boolean ok = comparisonForm.apply(expected).equals(comparisonForm.apply(actual));
    if (ok) {
      passed++;
    }
    System.out.printf("%s %s%n", ok ? "PASS" : "FAIL", name);
    if (!ok && verbose) {
      System.out.println("  expected: " + normalise(expected).replace("\n", "\n            "));
      System.out.println("  actual:   " + normalise(actual).replace("\n", "\n            "));
    }
    return ok;
  }

  /** The README's rule: LF line endings, no trailing spaces or tabs, the whole text stripped. */
  static String normalise(String text) {
    String lf = text.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder(lf.length());
    for (String line : lf.split("\n", -1)) {
      int end = line.length();
      while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
        end--;
      }
      out.append(line, 0, end).append('\n');
    }
    return out.toString().strip();
  }

  /** The HTML set's rule: every whitespace character removed. */
  static String withoutWhitespace(String text) {
    return text.replaceAll("\\s", "");
  }

  /** The first text/plain part, transfer encoding undone, decoded as UTF-8 (as upstream does). */
  private static @Nullable String firstPlainText(Path eml) throws Exception {
    Session session = Session.getInstance(new Properties());
    try (InputStream in = Files.newInputStream(eml)) {
      MimeMessage message = new MimeMessage(session, in);
      Part part = findPlain(message);
      if (part == null) {
        return null;
      }
      // getInputStream undoes the transfer encoding and leaves the charset alone.
      try (InputStream decoded = part.getInputStream()) {
        return new String(decoded.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
  }

  private static @Nullable Part findPlain(Part part) throws Exception {
    if (part.isMimeType("text/plain")) {
      return part;
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        Part found = findPlain(child);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static List<Path> sorted(Path dir, String glob) throws IOException {
    List<Path> paths = new ArrayList<>();
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, glob)) {
      stream.forEach(paths::add);
    }
    paths.sort(null);
    return paths;
  }

  private static String read(Path path) throws IOException {
    return Files.readString(path, StandardCharsets.UTF_8);
  }
}
