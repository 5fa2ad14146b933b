package dev.dispatchkit.mail;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.error.MalformedMessageException.Reason;
import dev.dispatchkit.reply.InboundAttachment;
import dev.dispatchkit.reply.InboundMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MimeParser#open}: big messages go to a file, which closing the result deletes. */
class MimeParserSpillTest {

  @TempDir Path spill;

  private MimeParser parser(int threshold) {
    return MimeParser.builder().spillThreshold(threshold).spillDirectory(spill).build();
  }

  @Test
  void aMessageAboveTheThresholdIsReadFromAFileThatClosingDeletes() throws Exception {
    byte[] photo = random(300_000, 1);
    byte[] raw = withPhoto(photo);

    InboundAttachment attachment;
    try (ParsedMessage parsed = parser(64 * 1024).open(new ByteArrayInputStream(raw))) {
      assertThat(parsed.spilled()).isTrue();
      assertThat(parsed.size()).isEqualTo(raw.length);
      assertThat(files()).hasSize(1);
      assertThat(parsed.message().textBody()).contains("OK, we take it");
      attachment = parsed.message().attachments().get(0);
      assertThat(attachment.size()).isEqualTo(photo.length);
      try (InputStream in = attachment.content().open()) {
        assertThat(in.readAllBytes()).isEqualTo(photo);
      }
    }

    assertThat(files()).isEmpty();
    assertThatThrownBy(() -> attachment.content().open().read()).isInstanceOf(IOException.class);
  }

  @Test
  void aMessageAtOrBelowTheThresholdStaysInMemory() throws Exception {
    byte[] raw = withPhoto(random(1_000, 2));

    try (ParsedMessage parsed = parser(raw.length).open(new ByteArrayInputStream(raw))) {
      assertThat(parsed.spilled()).isFalse();
      assertThat(files()).isEmpty();
      assertThat(parsed.message().attachments()).hasSize(1);
    }
  }

  @Test
  void everyFixtureReadsTheSameSpilledAsInMemory() throws Exception {
    List<Path> fixtures;
    try (Stream<Path> files = Files.list(ReplyFixtures.directory())) {
      fixtures = files.filter(f -> f.toString().endsWith(".eml")).sorted().toList();
    }
    assertThat(fixtures).hasSizeGreaterThan(100);
    MimeParser whole = MimeParser.create();
    MimeParser spilling = parser(0);
    for (Path fixture : fixtures) {
      byte[] raw = Files.readAllBytes(fixture);
      InboundMessage inMemory;
      try {
        inMemory = whole.parse(raw);
      } catch (MalformedMessageException e) {
        assertThatThrownBy(() -> spilling.open(new ByteArrayInputStream(raw)))
            .as(fixture.toString())
            .isInstanceOfSatisfying(
                MalformedMessageException.class,
                spilled -> assertThat(spilled.reason()).isEqualTo(e.reason()));
        continue;
      }
      try (ParsedMessage parsed = spilling.open(new ByteArrayInputStream(raw))) {
        InboundMessage spilled = parsed.message();
        assertThat(parsed.spilled()).isTrue();
        assertThat(spilled.headers()).as(fixture.toString()).isEqualTo(inMemory.headers());
        assertThat(spilled.textBody()).as(fixture.toString()).isEqualTo(inMemory.textBody());
        assertThat(spilled.htmlBody()).as(fixture.toString()).isEqualTo(inMemory.htmlBody());
        assertThat(contents(spilled))
            .as(fixture.toString())
            .containsExactlyElementsOf(contents(inMemory));
      }
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void aMessageOverTheLimitIsRefusedAndLeavesNoFile() {
    MimeParser small =
        MimeParser.builder()
            .maxMessageBytes(100_000)
            .spillThreshold(10_000)
            .spillDirectory(spill)
            .build();
    byte[] raw = withPhoto(random(200_000, 3));

    assertThatThrownBy(() -> small.open(new ByteArrayInputStream(raw)))
        .isInstanceOfSatisfying(
            MalformedMessageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.TOO_LARGE));
    assertThat(files()).isEmpty();
  }

  @Test
  void aStreamThatFailsHalfwayIsUnreadableAndLeavesNoFile() {
    byte[] raw = withPhoto(random(200_000, 4));
    InputStream broken =
        new InputStream() {
          private int at;

          @Override
          public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
          }

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (at >= 150_000) {
              throw new IOException("connection reset");
            }
            int n = Math.min(len, 150_000 - at);
            System.arraycopy(raw, at, b, off, n);
            at += n;
            return n;
          }
        };

    assertThatThrownBy(() -> parser(10_000).open(broken))
        .isInstanceOfSatisfying(
            MalformedMessageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNREADABLE));
    assertThat(files()).isEmpty();
  }

  @Test
  void aSpilledMessageTheParserRefusesLeavesNoFile() {
    byte[] noHeader = ("\r\n" + "x".repeat(50_000)).getBytes(US_ASCII);

    assertThatThrownBy(() -> parser(1_000).open(new ByteArrayInputStream(noHeader)))
        .isInstanceOfSatisfying(
            MalformedMessageException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NOT_A_MESSAGE));
    assertThat(files()).isEmpty();
  }

  @Test
  void theBuilderRefusesANegativeThresholdAndAMissingDirectory() {
    assertThatThrownBy(() -> MimeParser.builder().spillThreshold(-1))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("spillThreshold");
    assertThatThrownBy(() -> MimeParser.builder().spillDirectory(spill.resolve("missing")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("spillDirectory");
    MimeParser defaults = MimeParser.create();
    assertThat(defaults.spillThreshold()).isEqualTo(MimeParser.DEFAULT_SPILL_THRESHOLD);
    assertThat(defaults.spillDirectory()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
  }

  @Test
  void docsSnippet() throws Exception {
    InputStream inputStream = new ByteArrayInputStream(withPhoto(random(2_000_000, 5)));
    Path directory = spill;
    List<String> stored = new ArrayList<>();
    // docs/mime.md: open
    MimeParser parser =
        MimeParser.builder()
            .maxMessageBytes(100L * 1024 * 1024)
            .spillThreshold(1024 * 1024) // default 1 MiB; 0 spills every message
            .spillDirectory(directory) // default java.io.tmpdir
            .build();
    try (ParsedMessage parsed = parser.open(inputStream)) {
      InboundMessage message = parsed.message();
      // store or read message.attachments() here: closing deletes the file
      for (InboundAttachment a : message.attachments()) {
        stored.add(a.fileName() + " " + a.size());
      }
    }
    // end
    assertThat(stored).containsExactly("photo.jpg 2000000");
    assertThat(files()).isEmpty();
  }

  private List<Path> files() {
    try (Stream<Path> files = Files.list(spill)) {
      return files.toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<byte[]> contents(InboundMessage message) throws IOException {
    List<byte[]> contents = new ArrayList<>();
    for (InboundAttachment a : message.attachments()) {
      try (InputStream in = a.content().open()) {
        contents.add(in.readAllBytes());
      }
    }
    return contents;
  }

  static byte[] withPhoto(byte[] photo) {
    String head =
        String.join(
            "\r\n",
            "From: plombier@provider.example",
            "To: replies@dispatchkit.example",
            "Subject: RE: Service request #100200",
            "Message-ID: <photo@provider.example>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/mixed; boundary=\"b1\"",
            "",
            "--b1",
            "Content-Type: text/plain; charset=UTF-8",
            "",
            "OK, we take it.",
            "--b1",
            "Content-Type: image/jpeg; name=\"photo.jpg\"",
            "Content-Disposition: attachment; filename=\"photo.jpg\"",
            "Content-Transfer-Encoding: base64",
            "",
            "");
    String body = Base64.getMimeEncoder().encodeToString(photo);
    return (head + body + "\r\n--b1--\r\n").getBytes(US_ASCII);
  }

  static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
