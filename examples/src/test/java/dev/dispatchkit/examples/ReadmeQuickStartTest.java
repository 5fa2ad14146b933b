package dev.dispatchkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.workorder.TrackingNumber;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

class ReadmeQuickStartTest {

  private static final Path SOURCE =
      Path.of("src/main/java/dev/dispatchkit/examples/ReadmeQuickStart.java");
  private static final Path README = Path.of("../README.md");

  @Test
  void theReadmeShowsTheCompiledQuickStartWordForWord() throws IOException {
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    int start = source.indexOf("// snippet: quickstart\n");
    int end = source.indexOf("    // end-snippet");
    assertThat(start).isPositive();
    assertThat(end).isGreaterThan(start);
    String snippet =
        source
            .substring(source.indexOf('\n', start) + 1, end)
            .lines()
            .map(line -> line.startsWith("    ") ? line.substring(4) : line)
            .collect(Collectors.joining("\n"));

    assertThat(Files.readString(README, StandardCharsets.UTF_8)).contains(snippet);
  }

  @Test
  void theQuickStartWiresAWorkingKitOnARealDatabase() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:readme-quickstart;DB_CLOSE_DELAY=-1");
    ReadmeQuickStart.Wired wired =
        ReadmeQuickStart.wire(
            dataSource,
            "a-secret-of-at-least-32-bytes-long!".getBytes(StandardCharsets.UTF_8),
            "pw");
    try (var inbox = wired.inbox();
        var runner = wired.runner()) {
      assertThat(runner.isRunning()).isTrue();
      // The store really works: its tables exist and a query runs.
      assertThat(wired.kit().list(wired.kit().query().build()).total()).isZero();
      assertThat(wired.kit().findByTrackingNumber(TrackingNumber.of("123456"))).isEmpty();
    }
  }
}
