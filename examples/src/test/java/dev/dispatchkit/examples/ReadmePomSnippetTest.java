package dev.dispatchkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's pom snippet pins the compiler plugin that the parent pom builds with. */
class ReadmePomSnippetTest {

  @Test
  void pomSnippetPinsTheParentsCompilerPluginForRelease17() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String parent = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
    Matcher version =
        Pattern.compile("<compiler-plugin.version>([^<]+)</compiler-plugin.version>")
            .matcher(parent);
    assertThat(version.find()).isTrue();
    assertThat(readme)
        .containsPattern(
            "<artifactId>maven-compiler-plugin</artifactId>\\s*<version>"
                + Pattern.quote(version.group(1))
                + "</version>\\s*<configuration><release>17</release></configuration>");
  }
}
