package dev.dispatchkit.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metadata IDEs complete the keys from is generated, and the guide lists every key. */
class ConfigurationMetadataTest {

  private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"([^\"]+)\"");

  /** The property names of the generated metadata (not the groups, not the hints). */
  static List<String> propertyNames() throws IOException {
    String json;
    try (InputStream in =
        ConfigurationMetadataTest.class.getResourceAsStream(
            "/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("generated metadata").isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int start = json.indexOf("\"properties\"");
    int end = json.indexOf("\"hints\"", start);
    String properties = json.substring(start, end < 0 ? json.length() : end);
    List<String> names = new ArrayList<>();
    Matcher m = NAME.matcher(properties);
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  @Test
  void theMetadataListsTheProperties() throws IOException {
    assertThat(propertyNames())
        .contains(
            "dispatchkit.smtp.host",
            "dispatchkit.imap.host",
            "dispatchkit.from-address",
            "dispatchkit.reply.signing-key.secret",
            "dispatchkit.runner.enabled",
            "dispatchkit.health.outbox-max-age")
        .allMatch(name -> name.startsWith("dispatchkit."));
  }

  @Test
  void theGuideListsEveryKeyOfTheMetadata() throws IOException {
    String guide = Files.readString(Path.of("..", "docs", "spring-boot.md"));
    List<String> names = propertyNames();
    assertThat(names).hasSizeGreaterThan(40);
    assertThat(names).allSatisfy(name -> assertThat(guide).contains("`" + name + "`"));
  }
}
