package dev.dispatchkit.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.IntFunction;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Keeps trimming linear without timing it: the trimmer counts the lines it folds and how often it
 * looks at a line (lookahead and lookback included), and these counts must follow the body's
 * length, not its square.
 */
class TrimmingWorkTest {

  private static final ReplyTrimmer TRIMMER = ReplyTrimmer.standard();

  private static final int MIB = 1024 * 1024;

  /** Unquoted original text, as Outlook sends it below its header block. */
  private static String original(int size) {
    StringBuilder out = new StringBuilder(size + 100);
    int n = 0;
    while (out.length() < size) {
      out.append("Ligne ").append(n++).append(" du message d'origine, sans citation.\n");
    }
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "-----Original Message-----\nFrom: DispatchKit <d@dk.example>\nSent: Monday\n",
        "De : DispatchKit <d@dk.example>\nEnvoyé : lundi 10 mars 2025 09:00\nObjet : #123456\n",
        "Le lun. 10 mars 2025 à 09:00, DispatchKit <d@dk.example> a écrit :\n",
        "________________________________\n",
        "-- \nMarie, Plomberie Martin\n",
      })
  void aReplyAboveAMebibyteOriginalFoldsOnlyTheLinesDownToTheCut(String marker) {
    String body = "OK, demain 10h\n\n" + marker + original(MIB);
    ReplyTrimmer.Work work = new ReplyTrimmer.Work();

    ReplyTrimmer.Result result = TRIMMER.trim(body, work);

    assertThat(result.text()).isEqualTo("OK, demain 10h");
    assertThat(ReplyTrimmer.splitLines(body)).hasSizeGreaterThan(20_000);
    // The reply, the marker and a few lines of header-block lookahead: not the megabyte below.
    assertThat(work.linesFolded).isLessThanOrEqualTo(20);
    assertThat(work.lineReads).isLessThanOrEqualTo(200);
  }

  /** Bodies that are read to their end: nothing cuts them, so every line is folded. */
  private static final List<IntFunction<String>> WHOLE_BODY_SHAPES =
      List.of(
          // Quoted lines alternating with text (interleaved).
          size -> repeat("> > > On Mon, 10 Mar 2025 wrote: > OK > Non\nNon\n", size),
          // Header-like lines that never complete a header block or a reply header.
          size ->
              repeat(
                  "From: someone\nLe 10 mars 2025, x <\nObjet pas de deux-points\n"
                      + "----- presque -----\n",
                  size),
          // Sender fields separated by blank lines: lookahead skips blanks without counting them.
          size -> repeat("De : x\n\n\n\n\n\n\n\nRemarque : y\n\n\n\n\n\n", size),
          // Lines ending with a colon, each a reply-header candidate looking back.
          size -> repeat("Le 10 mars, x\ny\nz\nw\nsuite :\n", size),
          // Long lines of near-markers.
          size -> repeat("De : -- 10:00 ".repeat(2000) + "\n", size));

  private static String repeat(String unit, int size) {
    StringBuilder out = new StringBuilder(size + unit.length() + 20);
    out.append("OK, demain 10h\n");
    while (out.length() < size) {
      out.append(unit);
    }
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2, 3, 4})
  void doublingABodyAtMostDoublesTheWork(int shape) {
    String body = WHOLE_BODY_SHAPES.get(shape).apply(128 * 1024);
    String twice = WHOLE_BODY_SHAPES.get(shape).apply(256 * 1024);
    ReplyTrimmer.Work once = new ReplyTrimmer.Work();
    ReplyTrimmer.Work doubled = new ReplyTrimmer.Work();

    TRIMMER.trim(body, once);
    TRIMMER.trim(twice, doubled);

    int lines = ReplyTrimmer.splitLines(body).size();
    int linesTwice = ReplyTrimmer.splitLines(twice).size();
    assertThat(once.linesFolded).isEqualTo(lines);
    assertThat(doubled.linesFolded).isEqualTo(linesTwice);
    // A unit more or less at the end of the body: allow a few lines' worth of slack.
    assertThat(doubled.lineReads).isLessThanOrEqualTo(2 * once.lineReads + 200);
  }

  private static final List<String> TRICKY_LINES =
      List.of(
          "",
          "",
          "   ",
          "OK",
          "> quoted",
          "> > On Mon wrote:",
          ">:",
          "> wrote:",
          "From: someone",
          "De : quelqu'un",
          "Sent: Monday",
          "Date: 2025-03-10",
          "To: x@y.example",
          "Objet pas de deux-points",
          "Subject: hi",
          "Le 10 mars 2025, x <",
          "x@y.example> a écrit :",
          "2013/7/20 sam <sam@example.com>",
          "| piped",
          "----- presque -----",
          "--",
          "```",
          "Bonjour,",
          "texte :");

  @Provide
  Arbitrary<List<String>> bodies() {
    return Arbitraries.of(TRICKY_LINES).list().ofMinSize(200).ofMaxSize(1500);
  }

  @Property(tries = 200)
  void everyLineIsFoldedOnceAndLookedAtABoundedNumberOfTimes(@ForAll("bodies") List<String> lines) {
    String body = String.join("\n", lines);
    ReplyTrimmer.Work work = new ReplyTrimmer.Work();

    TRIMMER.trim(body, work);

    assertThat(work.linesFolded).isLessThanOrEqualTo(lines.size());
    // Each line is read by its own checks and by a bounded window of neighbours' lookahead.
    assertThat(work.lineReads).isLessThanOrEqualTo(60 * lines.size() + 60);
  }
}
