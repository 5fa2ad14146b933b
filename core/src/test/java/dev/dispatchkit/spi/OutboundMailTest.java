package dev.dispatchkit.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ValidationException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundMailTest {

  private static OutboundMail mail(String subject, Map<String, String> headers) {
    return new OutboundMail(
        "42",
        "42.dispatchkit@example.com",
        MailKind.DISPATCH,
        "dispatch@example.com",
        "dispatch+tok@example.com",
        List.of("provider@example.net"),
        subject,
        "body\r\nwith lines is fine",
        null,
        null,
        null,
        headers);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb", "a\r\nBcc: x@evil.example", "a\u0000b", "a\u2028b"})
  void lineBreaksInTheSubjectAreRefused(String subject) {
    assertThatThrownBy(() -> mail(subject, Map.of()))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(((ValidationException) e).violations())
                    .singleElement()
                    .asString()
                    .startsWith("subject:"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"X-Ok\nBcc", "X Space", "", "X:Colon"})
  void badHeaderNamesAreRefused(String name) {
    assertThatThrownBy(() -> mail("Subject", Map.of(name, "v")))
        .isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"v\r\nBcc: x@evil.example", "v\n"})
  void lineBreaksInHeaderValuesAreRefused(String value) {
    assertThatThrownBy(() -> mail("Subject", Map.of("X-Tracking", value)))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("headers[X-Tracking]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Intervention #123456 - fuite", "Tab\tinside", "Accents éèà"})
  void ordinaryValuesAreAccepted(String subject) {
    assertThat(mail(subject, Map.of("X-Tracking", "123456")).subject()).isEqualTo(subject);
  }
}
