package dev.dispatchkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dispatchkit.testkit.HostileMail;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reply-check} in a child JVM under {@code -Xmx64m} that dies on any {@code
 * OutOfMemoryError}, caught or not: the four messages of issue 14, the structural monsters and a 60
 * MB attachment each get their one line, none runs out of memory, and no error line carries a stack
 * trace or a library class name.
 */
class ReplyCheckHostileTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void everyHostileMessageGetsItsLineUnderSixtyFourMegabytesOfHeap() throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("a-nested-divs-100k.eml", HostileMail.nestedDivs(100_000));
    files.put("b-unclosed-tags-100k.eml", HostileMail.unclosedTags(100_000));
    files.put("c-nested-divs-1m.eml", HostileMail.nestedDivs(1_000_000));
    files.put("d-line-20mib.eml", HostileMail.longLine(20 * 1024 * 1024));
    files.put("e-header-line-5mb.eml", HostileMail.longHeaderLine(5_000_000));
    files.put("f-nesting-200.eml", HostileMail.nestedMultiparts(200));
    files.put("g-parts-10k.eml", HostileMail.manyParts(10_000));
    for (var file : files.entrySet()) {
      Files.write(dir.resolve(file.getKey()), file.getValue());
    }
    try (OutputStream out = Files.newOutputStream(dir.resolve("h-attachment-60mb.eml"))) {
      HostileMail.writeWithAttachment(out, 60_000_000L);
    }
    try (OutputStream out = Files.newOutputStream(dir.resolve("i-attachment-18mb.eml"))) {
      HostileMail.writeWithAttachment(out, 18_000_000L);
    }

    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "reply-check",
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), UTF_8);
    assertThat(child.waitFor(5, TimeUnit.MINUTES)).isTrue();

    // 3 is the exit code of -XX:+ExitOnOutOfMemoryError; 1 means some file had an error line.
    assertThat(child.exitValue()).as(output).isEqualTo(1);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : output.split("\n")) {
      lines.add(JSON.readTree(line));
    }
    assertThat(lines).hasSize(9);
    assertThat(reason(lines.get(0))).isEqualTo("accept-word");
    assertThat(reason(lines.get(1))).isEqualTo("accept-word");
    assertThat(reason(lines.get(2))).isEqualTo("text-too-long");
    assertThat(reason(lines.get(3))).isEqualTo("text-too-long");
    assertThat(lines.get(3).get("replyText").asText().length()).isLessThanOrEqualTo(100_000);
    assertThat(reason(lines.get(4))).isEqualTo("accept-word");
    assertThat(lines.get(5).get("error").asText()).contains("deeper than");
    assertThat(lines.get(6).get("error").asText()).contains("more than 200 parts");
    assertThat(lines.get(7).get("error").asText()).contains("over the limit");
    assertThat(reason(lines.get(8))).isEqualTo("accept-word");
    for (JsonNode line : lines) {
      if (line.has("error")) {
        assertThat(line.get("error").asText()).doesNotContain("Exception", "\n", "too costly");
      }
    }
  }

  private static String reason(JsonNode line) {
    assertThat(line.has("error")).as(line.toString()).isFalse();
    return line.get("reason").asText();
  }
}
