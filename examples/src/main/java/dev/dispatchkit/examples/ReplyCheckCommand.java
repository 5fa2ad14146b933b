package dev.dispatchkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.mail.JsoupHtmlToText;
import dev.dispatchkit.mail.MimeParser;
import dev.dispatchkit.reply.Correlation;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.reply.ReplyTarget;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Classifies provider replies the way DispatchKit would, without a store: one JSON line per message
 * on standard output.
 */
@Command(
    name = "reply-check",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Classifies provider replies (.eml files) and prints one JSON line per message with the keys"
          + " file, intent, reason, tracking, correlation, replyText, note, proposedDate and"
          + " declineReason; an absent value is null.",
      "There is no store: a tracking number in the subject or an In-Reply-To/References header"
          + " counts as the work order found, and any sender is allowed."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every file was read",
      "1:at least one file could not be read or parsed (its line has an \"error\" key)",
      "2:bad usage"
    })
final class ReplyCheckCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Files, or directories searched recursively for *.eml (*.txt with --text), in sorted"
              + " order.")
  private List<Path> paths = new ArrayList<>();

  @Option(
      names = "--text",
      description =
          "Read plain-text bodies instead of .eml files and classify each as the answer to a"
              + " work order; tracking, correlation and proposedDate are null.")
  private boolean text;

  @Override
  public Integer call() {
    MimeParser parser = MimeParser.create();
    ReplyClassifier classifier =
        ReplyClassifier.builder().htmlToText(JsoupHtmlToText.create()).build();
    // Explicit UTF-8: output must not depend on the platform's default charset.
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true);
    boolean failed = false;
    for (Path file : files()) {
      Map<String, Object> line;
      try {
        line = text ? textLine(file, classifier) : messageLine(file, parser, classifier);
      } catch (MalformedMessageException e) {
        line = errorLine(file, e.getMessage());
        failed = true;
      } catch (IOException | UncheckedIOException e) {
        line = errorLine(file, "unreadable file: " + e.getMessage());
        failed = true;
      } catch (OutOfMemoryError | StackOverflowError e) {
        // Caught narrowly, so that this file still gets its line: both come from its size or
        // shape, and its objects are unreachable once unwound. Other Errors are not the file's.
        line =
            errorLine(
                file,
                "too costly: ran "
                    + (e instanceof OutOfMemoryError ? "out of memory" : "out of stack")
                    + " reading it");
        failed = true;
      }
      out.println(json(line));
    }
    out.flush();
    return failed ? 1 : 0;
  }

  /** Every file to read: arguments in the order given, directory contents sorted by path. */
  private List<Path> files() {
    List<Path> files = new ArrayList<>();
    String suffix = text ? ".txt" : ".eml";
    for (Path path : paths) {
      if (!Files.isDirectory(path)) {
        files.add(path); // a missing file gets its error line when read
        continue;
      }
      try (Stream<Path> walk = Files.walk(path)) {
        walk.filter(Files::isRegularFile)
            .filter(p -> p.getFileName().toString().endsWith(suffix))
            .map(Path::toString)
            .sorted()
            .map(Path::of)
            .forEach(files::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }

  private static Map<String, Object> messageLine(
      Path file, MimeParser parser, ReplyClassifier classifier) throws IOException {
    // The size first: an oversized file is refused without reading it, and one that fits is read
    // into an array of its exact size rather than grown in chunks.
    long size = Files.size(file);
    if (size > parser.maxMessageBytes()) {
      throw new MalformedMessageException(
          MalformedMessageException.Reason.TOO_LARGE,
          "the message has " + size + " bytes, over the limit of " + parser.maxMessageBytes());
    }
    InboundMessage message = parser.parse(Files.readAllBytes(file));
    // The host's path without a store: candidates, resolved as no store can, then classified.
    ReplyDecision decision =
        classifier.classify(message, classifier.correlate(message).resolveWithoutStore());
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("file", file.toString());
    line.put("intent", decision.intent().name());
    line.put("reason", decision.reason().code());
    line.put(
        "tracking", decision.trackingNumber() == null ? null : decision.trackingNumber().value());
    line.put("correlation", decision.correlation() == null ? null : decision.correlation().code());
    line.put("replyText", decision.replyText().isEmpty() ? null : decision.replyText());
    line.put("note", decision.note().isEmpty() ? null : decision.note());
    line.put(
        "proposedDate",
        decision.proposedDate() == null ? null : decision.proposedDate().toString());
    line.put(
        "declineReason", decision.declineReason() == null ? null : decision.declineReason().name());
    return line;
  }

  private static Map<String, Object> textLine(Path file, ReplyClassifier classifier)
      throws IOException {
    String body = decode(Files.readAllBytes(file));
    // A bare body has no headers to find a work order by, so it is read as the answer to one:
    // the decision word, the note and the decline reason count; tracking and correlation do not.
    InboundMessage message =
        InboundMessage.builder().messageId("text:" + file.getFileName()).textBody(body).build();
    ReplyDecision decision =
        classifier.classify(message, ReplyTarget.unchecked(null, Correlation.SUBJECT));
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("file", file.toString());
    line.put("intent", decision.intent().name());
    line.put("reason", decision.reason().code());
    line.put("tracking", null);
    line.put("correlation", null);
    line.put("replyText", decision.replyText().isEmpty() ? null : decision.replyText());
    line.put("note", decision.note().isEmpty() ? null : decision.note());
    // No Date header: relative dates ("demain 10h") have nothing to be read against.
    line.put("proposedDate", null);
    line.put(
        "declineReason", decision.declineReason() == null ? null : decision.declineReason().name());
    return line;
  }

  private static Map<String, Object> errorLine(Path file, String error) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("file", file.toString());
    line.put("error", error);
    return line;
  }

  /** UTF-8 when the bytes are valid UTF-8, else windows-1252: text files come from anywhere. */
  private static String decode(byte[] bytes) {
    try {
      return UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, Charset.forName("windows-1252"));
    }
  }

  private static String json(Map<String, Object> line) {
    try {
      return JSON.writeValueAsString(line);
    } catch (JsonProcessingException e) {
      // A map of strings always serialises; this would be a Jackson bug.
      throw new IllegalStateException(e);
    }
  }
}
