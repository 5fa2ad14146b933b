package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.mail.ReplyFixtures.Expectation;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.ReplyDecision;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Parses every raw reply fixture with {@link MimeParser} and classifies it with the core
 * classifier, then compares each field with {@code expected.tsv}, which was written from the reply
 * policy.
 *
 * <p>Fixtures listed in {@code known-gaps.txt} are those where the classifier does not follow the
 * policy yet. They are not dropped: {@link #knownGapsFollowThePolicy()} checks them the same way
 * and fails while any of them still differs, so a gap stays visible until it is fixed.
 */
class ReplyFixturesTest {

  private static final MimeParser PARSER = MimeParser.create();

  @TestFactory
  Stream<DynamicTest> everyFixtureFollowsThePolicy() {
    Set<String> gaps = Set.copyOf(ReplyFixtures.knownGaps());
    return ReplyFixtures.expectations().stream()
        .filter(e -> !gaps.contains(e.file()))
        .map(e -> DynamicTest.dynamicTest(e.file(), () -> assertFollowsPolicy(e)));
  }

  @TestFactory
  Stream<DynamicTest> knownGapsFollowThePolicy() {
    Map<String, Expectation> byFile =
        ReplyFixtures.expectations().stream()
            .collect(Collectors.toMap(Expectation::file, e -> e, (a, b) -> a, LinkedHashMap::new));
    return ReplyFixtures.knownGaps().stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file,
                    () -> {
                      assertThat(byFile).as("known gap listed but not a fixture").containsKey(file);
                      assertFollowsPolicy(byFile.get(file));
                    }));
  }

  @Test
  void thereAreAtLeastAHundredFixturesEachWithOneExpectation() throws IOException {
    Set<String> emls;
    try (Stream<java.nio.file.Path> files = Files.list(ReplyFixtures.directory())) {
      emls =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".eml"))
              .collect(Collectors.toCollection(TreeSet::new));
    }
    List<String> rows = ReplyFixtures.expectations().stream().map(Expectation::file).toList();
    assertThat(rows).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(rows)).isEqualTo(emls);
    assertThat(emls).hasSizeGreaterThanOrEqualTo(100);
  }

  private static void assertFollowsPolicy(Expectation expected) {
    InboundMessage message = PARSER.parse(ReplyFixtures.read(expected.file()));
    ReplyDecision decision = ReplyFixtures.classify(message, expected.get("context"));
    Map<String, String> actual = actual(decision);
    List<String> differences = new ArrayList<>();
    for (String column : actual.keySet()) {
      String want = expected.get(column);
      if (want.equals(ReplyFixtures.ANY)) {
        continue;
      }
      String got = actual.get(column);
      boolean same =
          column.equals("note") ? normaliseNote(want).equals(normaliseNote(got)) : want.equals(got);
      if (!same) {
        differences.add(column + ": expected '" + want + "' but was '" + got + "'");
      }
    }
    assertThat(differences)
        .as(
            "%s (replyText '%s', note '%s')",
            expected.file(), decision.replyText(), decision.note())
        .isEmpty();
  }

  /** The decision as the cells of {@code expected.tsv}. */
  static Map<String, String> actual(ReplyDecision decision) {
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put("intent", decision.intent().name());
    cells.put("reason", decision.reason().code());
    cells.put(
        "tracking", decision.trackingNumber() == null ? "" : decision.trackingNumber().value());
    cells.put("correlation", decision.correlation() == null ? "" : decision.correlation().code());
    cells.put("note", decision.note());
    cells.put(
        "proposedDate", decision.proposedDate() == null ? "" : decision.proposedDate().toString());
    cells.put(
        "declineReason", decision.declineReason() == null ? "" : decision.declineReason().name());
    return cells;
  }

  /**
   * The policy says which words make the note, not how their spacing and edge punctuation come out:
   * white space is collapsed and punctuation at either end is ignored.
   */
  static String normaliseNote(String note) {
    String collapsed = note.replaceAll("\\s+", " ");
    return collapsed.replaceAll("^[\\s,.;:!?\\-\u2013\u2014]+|[\\s,.;:!?\\-\u2013\u2014]+$", "");
  }
}
