package dev.dispatchkit.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplyCheckCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private record Run(int exitCode, List<JsonNode> lines) {}

  private static Run run(String... args) throws IOException {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(captured, true, UTF_8));
      code = Main.run(args);
    } finally {
      System.setOut(original);
    }
    List<JsonNode> lines = new ArrayList<>();
    for (String line : captured.toString(UTF_8).split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return new Run(code, lines);
  }

  private Path copy(String resource, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    try (InputStream in = getClass().getResourceAsStream("/reply-check/" + resource)) {
      Files.copy(in, target);
    }
    return target;
  }

  private static List<String> keys(JsonNode node) {
    List<String> keys = new ArrayList<>();
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      keys.add(names.next());
    }
    return keys;
  }

  @Test
  void printsOneLinePerMessageInSortedOrderWithEveryKey() throws IOException {
    copy("accept-gmail.eml", dir.resolve("b/accept-gmail.eml"));
    copy("bounce-postfix.eml", dir.resolve("a/bounce-postfix.eml"));
    Files.writeString(dir.resolve("a/notes.txt"), "not a message");

    Run run = run("reply-check", dir.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.lines()).hasSize(2);
    JsonNode bounce = run.lines().get(0);
    JsonNode accept = run.lines().get(1);
    assertThat(keys(accept))
        .containsExactly(
            "file",
            "intent",
            "reason",
            "tracking",
            "correlation",
            "replyText",
            "note",
            "proposedDate",
            "declineReason");
    assertThat(bounce.get("file").asText()).endsWith("bounce-postfix.eml");
    assertThat(bounce.get("intent").asText()).isEqualTo("BOUNCE");
    assertThat(bounce.get("reason").asText()).isEqualTo("bounce-report");
    assertThat(bounce.get("proposedDate").isNull()).isTrue();
    assertThat(accept.get("intent").asText()).isEqualTo("ACCEPT");
    assertThat(accept.get("correlation").asText()).isEqualTo("in-reply-to");
    assertThat(accept.get("tracking").asText()).isEqualTo("123456");
    assertThat(accept.get("declineReason").isNull()).isTrue();
  }

  @Test
  void machineMailReportsTheWorkOrderItNamesToo() throws IOException {
    copy("bounce-in-reply-to.eml", dir.resolve("bounce-in-reply-to.eml"));

    Run run = run("reply-check", dir.toString());

    assertThat(run.exitCode()).isZero();
    JsonNode bounce = run.lines().get(0);
    assertThat(bounce.get("intent").asText()).isEqualTo("BOUNCE");
    // Correlated as any reply would be; reply-check still changes nothing.
    assertThat(bounce.get("correlation").asText()).isEqualTo("in-reply-to");
    assertThat(bounce.get("tracking").asText()).isEqualTo("123456");
  }

  @Test
  void aMalformedFileGetsAnErrorLineAndTheRunGoesOnButFails() throws IOException {
    Files.write(dir.resolve("a-empty.eml"), new byte[0]);
    copy("accept-gmail.eml", dir.resolve("b-accept.eml"));

    Run run = run("reply-check", dir.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines()).hasSize(2);
    assertThat(keys(run.lines().get(0))).containsExactly("file", "error");
    assertThat(run.lines().get(0).get("error").asText()).contains("NOT_A_MESSAGE");
    assertThat(run.lines().get(1).get("intent").asText()).isEqualTo("ACCEPT");
  }

  @Test
  void aMissingFileIsAnErrorLine() throws IOException {
    Run run = run("reply-check", dir.resolve("nowhere.eml").toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.lines()).singleElement().satisfies(l -> assertThat(l.has("error")).isTrue());
  }

  @Test
  void textModeClassifiesTheExtractedReply() throws IOException {
    Path body = dir.resolve("reply.txt");
    Files.writeString(
        body,
        "Non, désolé, trop loin.\n\nLe mar. 4 mars 2025 à 09:00, Service Maintenance"
            + " <dispatch@facility.example> a écrit :\n> Répondez OK ou Non.\n",
        UTF_8);

    Run run = run("reply-check", "--text", body.toString());

    assertThat(run.exitCode()).isZero();
    JsonNode line = run.lines().get(0);
    assertThat(line.get("replyText").asText()).isEqualTo("Non, désolé, trop loin.");
    assertThat(line.get("intent").asText()).isEqualTo("DECLINE");
    assertThat(line.get("reason").asText()).isEqualTo("decline-word");
    assertThat(line.get("note").asText()).isEqualTo("désolé, trop loin.");
    assertThat(line.get("tracking").isNull()).isTrue();
    assertThat(line.get("correlation").isNull()).isTrue();
    assertThat(keys(line)).hasSize(9);
  }

  @Test
  void noPathIsAUsageError() throws IOException {
    assertThat(run("reply-check").exitCode()).isEqualTo(2);
  }
}
