package dev.dispatchkit.benchmarks;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.dispatchkit.mail.JsoupHtmlToText;
import dev.dispatchkit.mail.MimeParser;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.ReplyClassifier;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The cost of reading a reply: DispatchKit's parse and classify, against a bare Jakarta Mail parse
 * that reads every text part of the same messages. One operation handles the whole corpus.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar ParseClassify -f 1 -wi 3 -i 5 -w 1s -r 1s
 * java -jar benchmarks/target/benchmarks.jar ParseClassify -p corpus=path/to/emls
 * </pre>
 *
 * <p>The default corpus is a mixed dozen of the mail adapter's reply fixtures (Gmail, Outlook plain
 * and HTML-only, Apple Mail, iPhone, Android base64, Thunderbird, Yahoo, Latin-1 and windows-1252,
 * an auto-reply, a delivery report, a forward).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ParseClassifyBenchmark {

  /** A directory of .eml files to use instead of the bundled corpus; empty for the bundled one. */
  @Param({""})
  public String corpus;

  private List<byte[]> messages;
  private MimeParser parser;
  private ReplyClassifier classifier;
  private Session session;

  /** Loads the corpus and builds the parsers once. */
  @Setup
  public void setUp() throws IOException {
    messages = corpus.isEmpty() ? bundled() : directory(Path.of(corpus));
    if (messages.isEmpty()) {
      throw new IllegalStateException("the corpus is empty");
    }
    parser = MimeParser.create();
    classifier = ReplyClassifier.builder().htmlToText(JsoupHtmlToText.create()).build();
    session = Session.getInstance(new Properties());
  }

  /** DispatchKit: raw bytes to a decision. */
  @Benchmark
  public void parseAndClassify(Blackhole blackhole) {
    for (byte[] raw : messages) {
      InboundMessage message = parser.parse(raw);
      blackhole.consume(
          classifier.classify(message, classifier.correlate(message).resolveWithoutStore()));
    }
  }

  /** DispatchKit's parse alone, to tell its share from the classifier's. */
  @Benchmark
  public void parseOnly(Blackhole blackhole) {
    for (byte[] raw : messages) {
      blackhole.consume(parser.parse(raw));
    }
  }

  /** Jakarta Mail alone: parse, then getContent() on every text part. */
  @Benchmark
  public void jakartaMailReadTextParts(Blackhole blackhole) throws MessagingException, IOException {
    for (byte[] raw : messages) {
      MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
      readTextParts(message, blackhole);
    }
  }

  private static void readTextParts(Part part, Blackhole blackhole)
      throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        readTextParts(multipart.getBodyPart(i), blackhole);
      }
    } else if (part.isMimeType("text/*")) {
      blackhole.consume(part.getContent());
    }
  }

  private static List<byte[]> bundled() throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (String name : resource("index.txt").toString().split("\n")) {
      if (!name.isBlank()) {
        out.add(resourceBytes(name.strip()));
      }
    }
    return out;
  }

  private static String resource(String name) throws IOException {
    return new String(resourceBytes(name), UTF_8);
  }

  private static byte[] resourceBytes(String name) throws IOException {
    try (InputStream in =
        ParseClassifyBenchmark.class.getResourceAsStream("/parse-classify/" + name)) {
      if (in == null) {
        throw new IOException("missing benchmark resource " + name);
      }
      return in.readAllBytes();
    }
  }

  private static List<byte[]> directory(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".eml"))
          .sorted()
          .map(
              p -> {
                try {
                  return Files.readAllBytes(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    }
  }
}
