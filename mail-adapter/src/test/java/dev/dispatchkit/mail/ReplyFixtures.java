package dev.dispatchkit.mail;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.dispatchkit.reply.Correlation;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.ReplyCandidates;
import dev.dispatchkit.reply.ReplyClassifier;
import dev.dispatchkit.reply.ReplyDecision;
import dev.dispatchkit.reply.ReplyTarget;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.workorder.TrackingNumber;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The raw reply fixtures of {@code src/test/resources/replies} and what they need. */
final class ReplyFixtures {

  static final String DIRECTORY = "replies";

  /** The columns of {@code expected.tsv}, in order. */
  static final List<String> COLUMNS =
      List.of(
          "file",
          "context",
          "intent",
          "reason",
          "tracking",
          "correlation",
          "note",
          "proposedDate",
          "declineReason");

  /** Not compared: the policy does not decide this field for this fixture. */
  static final String ANY = "*";

  /**
   * One row of {@code expected.tsv}: an empty cell is a null value (or an empty note).
   *
   * @param values the cells by column name
   */
  record Expectation(Map<String, String> values) {
    String file() {
      return values.get("file");
    }

    String get(String column) {
      return values.get(column);
    }

    @Override
    public String toString() {
      return file();
    }
  }

  // The signing key of the fixture store: tokens in the fixtures were issued with it.
  private static final byte[] KEY =
      "dispatchkit-fixture-key-not-a-secret".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  static final ReplyTokens TOKENS = ReplyTokens.builder().signingKey(1, KEY).build();

  static final ReplyClassifier CLASSIFIER =
      ReplyClassifier.builder().replyTokens(TOKENS).htmlToText(JsoupHtmlToText.create()).build();

  private ReplyFixtures() {}

  static Path directory() {
    URL url = ReplyFixtures.class.getClassLoader().getResource(DIRECTORY + "/expected.tsv");
    if (url == null) {
      throw new IllegalStateException("no " + DIRECTORY + "/expected.tsv on the test class path");
    }
    try {
      return Path.of(url.toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Expectation> expectations() {
    try {
      List<Expectation> rows = new ArrayList<>();
      for (String line : Files.readAllLines(directory().resolve("expected.tsv"), UTF_8)) {
        if (line.startsWith("#") || line.isBlank() || line.startsWith("file\t")) {
          continue;
        }
        String[] cells = line.split("\t", -1);
        if (cells.length != COLUMNS.size()) {
          throw new IllegalStateException("expected.tsv: bad row " + Arrays.toString(cells));
        }
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cells.length; i++) {
          values.put(COLUMNS.get(i), cells[i]);
        }
        rows.add(new Expectation(values));
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> knownGaps() {
    try {
      List<String> gaps = new ArrayList<>();
      for (String line : Files.readAllLines(directory().resolve("known-gaps.txt"), UTF_8)) {
        String entry = line.strip();
        if (!entry.isEmpty() && !entry.startsWith("#")) {
          gaps.add(entry.split("\\s+", 2)[0]);
        }
      }
      return gaps;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] read(String file) {
    try (InputStream in = Files.newInputStream(directory().resolve(file))) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Classifies as the named fixture context does: {@code none} reads without a store, {@code store}
   * as a host whose store knows {@link Store}'s two work orders.
   */
  static ReplyDecision classify(InboundMessage message, String context) {
    ReplyCandidates candidates = CLASSIFIER.correlate(message);
    ReplyTarget target =
        switch (context) {
          case "none" -> candidates.resolveWithoutStore();
          case "store" -> Store.resolve(candidates);
          default -> throw new IllegalArgumentException("unknown fixture context " + context);
        };
    return CLASSIFIER.classify(message, target);
  }

  /**
   * Two work orders: 123456 for a Lyon plumber (Europe/Paris), 654321 for a Boston HVAC company
   * (America/New_York).
   */
  static final class Store {

    private Store() {}

    /** The first candidate the store knows, in the policy's order; null when none. */
    static @Nullable ReplyTarget resolve(ReplyCandidates candidates) {
      for (long dispatchId : candidates.dispatchIds()) {
        Optional<ReplyTarget> target = byDispatchId(dispatchId, Correlation.TOKEN);
        if (target.isPresent()) {
          return target.get();
        }
      }
      for (String messageId : candidates.messageIds()) {
        Optional<ReplyTarget> target = byMessageId(messageId, Correlation.IN_REPLY_TO);
        if (target.isPresent()) {
          return target.get();
        }
      }
      TrackingNumber number = candidates.subjectNumber();
      return number == null ? null : byNumber(number.value(), Correlation.SUBJECT).orElse(null);
    }

    private static Optional<ReplyTarget> byDispatchId(long dispatchId, Correlation correlation) {
      return dispatchId == 4242
          ? byNumber("123456", correlation)
          : dispatchId == 4343 ? byNumber("654321", correlation) : Optional.empty();
    }

    private static Optional<ReplyTarget> byMessageId(String messageId, Correlation correlation) {
      return switch (messageId) {
        case "wo-123456.1741075200@dispatch.facility.example" -> byNumber("123456", correlation);
        case "wo-654321.1741075200@dispatch.facility.example" -> byNumber("654321", correlation);
        default -> Optional.empty();
      };
    }

    private static Optional<ReplyTarget> byNumber(String number, Correlation correlation) {
      return switch (number) {
        case "123456" ->
            Optional.of(
                ReplyTarget.of(
                    TrackingNumber.of("123456"),
                    List.of("contact@plomberie-martin.fr"),
                    ZoneId.of("Europe/Paris"),
                    correlation));
        case "654321" ->
            Optional.of(
                ReplyTarget.of(
                    TrackingNumber.of("654321"),
                    List.of("service@acmehvac.com"),
                    ZoneId.of("America/New_York"),
                    correlation));
        default -> Optional.empty();
      };
    }
  }
}
