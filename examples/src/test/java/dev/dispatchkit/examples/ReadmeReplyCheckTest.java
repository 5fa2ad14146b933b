package dev.dispatchkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's {@code reply-check mail/reply.eml mail/inbox/} runs on the samples shipped in {@code
 * mail/} and prints the JSON line the README shows. Tests run in {@code examples/}, so the paths
 * are given from there and the {@code ../} is taken off the printed file names.
 */
class ReadmeReplyCheckTest {

  private static final Path ROOT = Path.of("..");

  @Test
  void readmeCommandRunsOnTheShippedSamplesAndPrintsTheShownLine() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"), UTF_8);
    Matcher command =
        Pattern.compile("java -jar examples/target/dispatchkit-examples.jar (reply-check .+)")
            .matcher(readme);
    assertThat(command.find()).isTrue();
    String[] args = command.group(1).split(" ");
    assertThat(args).containsExactly("reply-check", "mail/reply.eml", "mail/inbox/");
    Matcher shown = Pattern.compile("```json\\n(\\{.*})\\n```").matcher(readme);
    assertThat(shown.find()).isTrue();

    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, UTF_8));
      code =
          Main.run(
              args[0], ROOT.resolve(args[1]).toString(), ROOT.resolve(args[2]).toString() + "/");
    } finally {
      System.setOut(original);
    }
    List<String> lines =
        captured
            .toString(UTF_8)
            .lines()
            .map(l -> l.replace("\"file\":\"../", "\"file\":\""))
            .toList();

    assertThat(code).isZero();
    assertThat(lines.get(0)).isEqualTo(shown.group(1));
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1))
        .startsWith("{\"file\":\"mail/inbox/01-decline.eml\",\"intent\":\"DECLINE\"");
    assertThat(lines.get(2)).startsWith("{\"file\":\"mail/inbox/02-out-of-office.eml\"");
    assertThat(lines.get(3)).startsWith("{\"file\":\"mail/inbox/03-bounce.eml\"");
    assertThat(lines).noneMatch(line -> line.contains("\"error\""));
  }
}
