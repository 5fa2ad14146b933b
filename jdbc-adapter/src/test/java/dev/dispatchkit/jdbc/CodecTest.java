package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class CodecTest {

  @Property
  void anyListOfStringsRoundTrips(@ForAll List<String> values) {
    assertThat(Fields.strings(Fields.strings(values))).isEqualTo(values);
  }

  @Property
  void anyHeaderMapRoundTrips(@ForAll Map<String, String> headers) {
    assertThat(Codec.headers(Codec.headers(headers))).isEqualTo(headers);
  }

  @Test
  void theEncodingIsLengthPrefixed() {
    assertThat(Fields.strings(List.of("a:b", "", "-"))).isEqualTo("1:33:a:b0:1:-");
    assertThat(new Fields.Writer().text(null).text("x").toString()).isEqualTo("-1:x");
  }

  @Test
  void corruptTextIsRefused() {
    for (String corrupt : List.of("", "2:1:a", "1:3:ab", "x:", "1:1:a1:b", "01")) {
      assertThatThrownBy(() -> Fields.strings(corrupt))
          .as(corrupt)
          .isInstanceOf(RuntimeException.class);
    }
    assertThatThrownBy(() -> Codec.event("1:21:Nope")).isInstanceOf(IllegalArgumentException.class);
  }
}
