package dev.dispatchkit.workorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps {@code docs/concepts.md} true to the code: its diagram and its snippets. */
class ConceptsDocTest {

  private static final Path DOC = Path.of("..", "docs", "concepts.md");
  private static final Path SNIPPETS =
      Path.of(
          "src", "test", "java", "dev", "dispatchkit", "workorder", "ConceptsSnippetsTest.java");
  private static final Pattern EDGE =
      Pattern.compile("^\\s*(\\[\\*]|\\w+)\\s*-->\\s*(\\w+)\\s*:\\s*(.+?)\\s*$");

  @Test
  void theDiagramDrawsExactlyTheTransitionTable() throws IOException {
    Map<String, Status> states = new LinkedHashMap<>();
    for (Status status : Status.all()) {
      states.put(status.toString().replace('/', '_'), status);
    }
    Set<String> drawn = new HashSet<>();
    List<String> initial = new ArrayList<>();
    for (String line : mermaid()) {
      Matcher edge = EDGE.matcher(line);
      if (!edge.matches()) {
        continue;
      }
      for (String label : edge.group(3).split(",")) {
        CommandKind command =
            CommandKind.valueOf(label.strip().toUpperCase(Locale.ROOT).replace(' ', '_'));
        if (edge.group(1).equals("[*]")) {
          initial.add(edge.group(2) + " " + command);
          continue;
        }
        Status from = states.get(edge.group(1));
        Status to = states.get(edge.group(2));
        assertThat(from).as("state %s in: %s", edge.group(1), line).isNotNull();
        assertThat(to).as("state %s in: %s", edge.group(2), line).isNotNull();
        assertThat(drawn.add(from + " " + command + " " + to)).as("drawn twice: " + line).isTrue();
      }
    }
    Set<String> table =
        Transitions.all().stream()
            .map(t -> t.from() + " " + t.command() + " " + t.to())
            .collect(Collectors.toSet());

    assertThat(drawn).as("drawn but not in the table").isSubsetOf(table);
    assertThat(table).as("in the table but not drawn").isSubsetOf(drawn);
    assertThat(initial).containsExactly("OPEN DISPATCH");
    assertThat(WorkOrder.dispatch(Fixtures.dispatchCommand(), Fixtures.T0).after().status())
        .isEqualTo(Status.OPEN);
  }

  @Test
  void everySnippetIsCodeThatTheBuildCompilesAndRuns() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String source = Files.readString(SNIPPETS, StandardCharsets.UTF_8);
    Matcher snippet =
        Pattern.compile("<!-- snippet: ([\\w-]+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL)
            .matcher(doc);
    int found = 0;
    while (snippet.find()) {
      found++;
      assertThat(snippet.group(2))
          .as("snippet " + snippet.group(1))
          .isEqualTo(region(source, snippet.group(1)));
    }
    assertThat(found).isEqualTo(doc.split("```java", -1).length - 1).isGreaterThanOrEqualTo(7);
  }

  private static List<String> mermaid() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    Matcher block = Pattern.compile("```mermaid\\n(.*?)```", Pattern.DOTALL).matcher(doc);
    assertThat(block.find()).as("a mermaid block in concepts.md").isTrue();
    assertThat(block.group(1)).startsWith("stateDiagram-v2");
    return block.group(1).lines().collect(Collectors.toList());
  }

  /** The lines between the tag markers, without their common indentation. */
  private static String region(String source, String name) {
    Matcher m =
        Pattern.compile(
                "\\n([ \\t]*)// tag::"
                    + Pattern.quote(name)
                    + "\\[]\\n(.*?)\\n[ \\t]*// end::"
                    + Pattern.quote(name)
                    + "\\[]",
                Pattern.DOTALL)
            .matcher(source);
    assertThat(m.find()).as("region " + name + " in ConceptsSnippetsTest").isTrue();
    String indent = m.group(1);
    return m.group(2)
        .lines()
        .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
        .collect(Collectors.joining("\n"));
  }
}
