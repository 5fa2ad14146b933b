package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.reply.ReplyTrimmer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Checks {@link JsoupHtmlToText} against talon's public {@code html_replies} set (Apache-2.0),
 * which is not copied into this project: run with {@code -Ddispatchkit.talon.html=<dir of the html
 * files and expected/>}. The comparison is talon's: all white space removed from both texts.
 */
@EnabledIfSystemProperty(named = "dispatchkit.talon.html", matches = ".+")
class TalonHtmlRepliesTest {

  @Test
  void everyTalonHtmlReplyGivesTheExpectedText() throws IOException {
    Path dir = Path.of(System.getProperty("dispatchkit.talon.html"));
    List<Path> cases;
    try (Stream<Path> files = Files.list(dir)) {
      cases = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    }
    assertThat(cases).isNotEmpty();
    List<String> failures = new ArrayList<>();
    for (Path html : cases) {
      String name = html.getFileName().toString().replace(".html", ".txt");
      String expected = Files.readString(dir.resolve("expected").resolve(name));
      String text = JsoupHtmlToText.create().toText(Files.readString(html));
      String trimmed = ReplyTrimmer.standard().extract(text);
      if (!squash(text).equals(squash(expected)) || !squash(trimmed).equals(squash(expected))) {
        failures.add(name + ": " + text.replace("\n", "\\n"));
      }
    }
    System.out.printf("talon html_replies: %d/%d%n", cases.size() - failures.size(), cases.size());
    assertThat(failures).isEmpty();
  }

  private static String squash(String text) {
    return text.replaceAll("\\s", "");
  }
}
