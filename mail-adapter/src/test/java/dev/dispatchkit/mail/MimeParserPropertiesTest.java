package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.reply.InboundMessage;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Whatever the input, the parser returns a message or throws its one exception type. */
class MimeParserPropertiesTest {

  private static final MimeParser PARSER = MimeParser.builder().maxParts(50).maxDepth(5).build();
  private static final List<byte[]> FIXTURES =
      ReplyFixtures.expectations().stream().map(e -> ReplyFixtures.read(e.file())).toList();

  @Property(tries = 500)
  void randomBytesParseOrFailWithTheOneException(@ForAll @Size(max = 4096) byte[] bytes) {
    assertParsesOrIsMalformed(bytes);
  }

  @Property(tries = 300)
  void mimeLikeNoiseParsesOrFailsWithTheOneException(@ForAll("mimeNoise") String raw) {
    assertParsesOrIsMalformed(raw.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
  }

  @Property(tries = 500)
  void truncatedRealMessagesParseOrFailWithTheOneException(@ForAll("truncated") byte[] bytes) {
    assertParsesOrIsMalformed(bytes);
  }

  @Property(tries = 300)
  void corruptedRealMessagesParseOrFailWithTheOneException(@ForAll("corrupted") byte[] bytes) {
    assertParsesOrIsMalformed(bytes);
  }

  private static void assertParsesOrIsMalformed(byte[] bytes) {
    InboundMessage message;
    try {
      message = PARSER.parse(bytes);
    } catch (MalformedMessageException e) {
      assertThat(e.reason()).isNotNull();
      return;
    }
    assertThat(message.headers().fields()).isNotEmpty();
    for (var attachment : message.attachments()) {
      // Opening content may fail with an IOException, never with anything else.
      try (InputStream in = attachment.content().open()) {
        in.readAllBytes();
      } catch (IOException expected) {
        // allowed by the Content contract
      }
    }
    // The classifier must accept whatever the parser produces.
    assertThat(ReplyFixtures.classify(message, "none")).isNotNull();
  }

  @Provide
  Arbitrary<byte[]> truncated() {
    return Arbitraries.of(FIXTURES)
        .flatMap(
            raw ->
                Arbitraries.integers()
                    .between(0, raw.length)
                    .map(length -> Arrays.copyOf(raw, length)));
  }

  @Provide
  Arbitrary<byte[]> corrupted() {
    return Arbitraries.of(FIXTURES)
        .flatMap(
            raw ->
                Arbitraries.integers()
                    .between(0, raw.length - 1)
                    .list()
                    .ofMinSize(1)
                    .ofMaxSize(20)
                    .flatMap(
                        positions ->
                            Arbitraries.bytes()
                                .array(byte[].class)
                                .ofSize(positions.size())
                                .map(
                                    values -> {
                                      byte[] copy = raw.clone();
                                      for (int i = 0; i < positions.size(); i++) {
                                        copy[positions.get(i)] = values[i];
                                      }
                                      return copy;
                                    })));
  }

  @Provide
  Arbitrary<String> mimeNoise() {
    Arbitrary<String> token =
        Arbitraries.of(
            "Content-Type: multipart/mixed; boundary=b\r\n",
            "Content-Type: multipart/alternative; boundary=\"b\"\r\n",
            "Content-Type: text/plain; charset=x-bogus\r\n",
            "Content-Type: text/html; charset=\"utf-8\r\n",
            "Content-Type: message/rfc822\r\n",
            "Content-Type: ;;;\r\n",
            "Content-Transfer-Encoding: base64\r\n",
            "Content-Transfer-Encoding: quoted-printable\r\n",
            "Content-Transfer-Encoding: x-uue\r\n",
            "Content-Disposition: attachment; filename*=utf-8''%E9t%E9.pdf\r\n",
            "Subject: =?utf-8?B?w6k=?= =?bogus?Q?=E9?=\r\n",
            "From: \"a, b\" <a@b>, <>, @@, c@d\r\n",
            "Date: Mon, 99 Foo 2025 99:99 +9999\r\n",
            "In-Reply-To: <<a@b>>\r\n",
            "\r\n",
            "--b\r\n",
            "--b--\r\n",
            "=E9=\r\n",
            "T0s=\r\n",
            "!!!!\r\n",
            "\t folded\r\n",
            "OK\r\n");
    return token.list().ofMinSize(1).ofMaxSize(40).map(list -> String.join("", list));
  }
}
