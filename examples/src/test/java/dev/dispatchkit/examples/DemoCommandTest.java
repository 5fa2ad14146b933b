package dev.dispatchkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

  @TempDir Path dir;

  private record Run(int exitCode, String out) {}

  private Run demo() {
    return run("demo", "--data-dir", dir.toString());
  }

  private static Run run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, UTF_8));
      code = Main.run(args);
    } finally {
      System.setOut(original);
    }
    return new Run(code, captured.toString(UTF_8));
  }

  /** The text of one numbered section, up to the next heading. */
  private static String section(String out, String number) {
    int start = out.indexOf("== " + number + ". ");
    assertThat(start).as("section %s", number).isNotNegative();
    int end = out.indexOf("\n== ", start + 1);
    return end < 0 ? out.substring(start) : out.substring(start, end);
  }

  @Test
  void tellsTheWholeStoryOverRealMailAndExitsZero() {
    Run run = demo();
    String out = run.out();

    assertThat(run.exitCode()).isZero();
    assertThat(section(out, "2"))
        .contains("outbox relay: 3 mail(s) sent over SMTP")
        .contains("Subject:  Demande d'intervention #100201")
        .contains("Subject:  Demande d'intervention #100202")
        .contains("Subject:  Demande d'intervention #100203")
        .containsPattern("Reply-To: dispatch\\+[a-z0-9]+@dispatchkit\\.example")
        // The answer is due before the visit: 2 hours ahead of it when that comes before the
        // 24-hour window of a NON_URGENT order (100203 on Monday 11:00, 100202 on Tuesday 09:00).
        .containsPattern(
            "Réponse attendue avant : lundi 2 mars 2026 à 09:00\\R  \\| Sur place le : lundi 2"
                + " mars 2026 à 11:00")
        .containsPattern(
            "Réponse attendue avant : mardi 3 mars 2026 à 07:00\\R  \\| Sur place le : mardi 3"
                + " mars 2026 à 09:00");
    assertThat(section(out, "3"))
        .contains("the kit polls its IMAP inbox: 3 messages handled")
        .contains("100201 accepted  [IN_PROGRESS/DISPATCH_CONFIRMED]")
        .contains("100202 declined: \"pas disponible cette semaine\"  [OPEN/DECLINED]")
        .contains("mail received by facilities@client.example")
        .contains("a accepté la demande #100201")
        .contains("a refusé la demande #100202")
        .contains("0 mails back to acme-plumbing; 100203 is still OPEN")
        // The decline's reason is told once, not again as a note.
        .doesNotContain("100202 note:");
    assertThat(section(out, "3").split("100202 declined: ", -1)).hasSize(2);
    assertThat(section(out, "4"))
        .contains("tracking number 100201: 100201 IN_PROGRESS/DISPATCH_CONFIRMED")
        .contains("status OPEN: 2 work orders");
    assertThat(section(out, "5"))
        .contains("mail received by alice@client.example")
        .contains("mardi 3 mars 2026 à 10:00");
    assertThat(section(out, "6"))
        .contains("note by PROVIDER: \"Vanne fermée, fuite contenue.\"")
        .contains("100201 " + "asked for a higher NTE")
        .contains("mail received by facilities@client.example")
        .contains("demande de porter le NTE de la demande #100201 de 500,00\u00a0€ à 750,00\u00a0€")
        .contains("Motif : Le siphon est fissuré, il faut le changer.")
        .contains("mail received by dispatch@acme-plumbing.example")
        .contains("Le client a accepté le nouveau NTE de la demande #100201 : 750,00\u00a0€.")
        .contains("Commentaire : Accord, merci de prévenir Alice avant de passer.")
        .contains("NTE of 100201 now in force: 750.00 EUR")
        .containsPattern(
            "attachment sink\\.png \\(image/png, \\d+ bytes\\): urn:dispatchkit:attachment:");
    assertThat(section(out, "7"))
        .contains("100203 is LATE")
        .containsPattern("100203 +OPEN +acme-plumbing +Mon 02 Mar 11:00 +yes")
        .containsPattern(
            "100201 +IN_PROGRESS/DISPATCH_CONFIRMED +acme-plumbing +Tue 03 Mar 10:00 +-");
    assertThat(section(out, "8"))
        .contains("100202 reassigned acme-plumbing -> bravo-services  [OPEN]")
        .contains("mail received by jobs@bravo-services.example")
        .contains("Subject:  Demande d'intervention #100202")
        // The reassignment mail is shown whole, like every other mail.
        .contains("| Description : No heating in the back office");
    assertThat(out)
        .endsWith("Done: every server and connection is closed." + System.lineSeparator());
  }

  @Test
  void readmeDemoCommandAsksMavenForNoColours() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), UTF_8);
    assertThat(readme)
        .contains(
            "mvn -q -B -Dstyle.color=never -DskipTests package"
                + " && java -jar examples/target/dispatchkit-examples.jar demo")
        .doesNotContain("mvn -q -B -DskipTests");
  }

  @Test
  void helpAndVersion() {
    Run help = run("demo", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("Usage: dispatchkit-examples demo")
        .contains("--data-dir")
        .contains("-V, --version");

    Run version = run("demo", "-V");
    assertThat(version.exitCode()).isZero();
    assertThat(ExamplesVersion.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    assertThat(version.out().strip())
        .isEqualTo("DispatchKit examples " + ExamplesVersion.version());
    assertThat(run("--version").out().strip())
        .isEqualTo("DispatchKit examples " + ExamplesVersion.version());
  }

  @Test
  void runsTwiceOnTheSameDirectoryAndLeavesNoThreadRunning() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    assertThat(demo().exitCode()).isZero();
    Run second = demo();

    assertThat(second.exitCode()).isZero();
    assertThat(section(second.out(), "4")).contains("status OPEN: 2 work orders");
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(Thread::isAlive)
        .filteredOn(t -> !t.isDaemon())
        .allSatisfy(
            t -> assertThat(before).as("non-daemon thread left: %s", t.getName()).contains(t));
  }
}
