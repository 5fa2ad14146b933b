package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ValidationException;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class VerpTest {

  private final Verp verp = new Verp("bounces", "dispatchkit.example");

  @Property
  void everyIdComesBackFromItsAddress(
      @ForAll
          @StringLength(min = 1, max = 60)
          @CharRange(from = 'a', to = 'z')
          @CharRange(from = 'A', to = 'Z')
          @CharRange(from = '0', to = '9')
          @Chars({'.', '_', '-', '='})
          String id) {
    String address = verp.address(id);

    assertThat(address).isEqualTo("bounces+" + id + "@dispatchkit.example");
    assertThat(verp.parse(address)).contains(id);
    assertThat(verp.parse("<" + address + ">")).contains(id);
  }

  @Test
  void theAddressIsMatchedWhateverItsCase() {
    assertThat(verp.parse("Bounces+row-42@DispatchKit.Example")).contains("row-42");
  }

  @Test
  void otherAddressesCarryNoId() {
    assertThat(verp.parse("bounces@dispatchkit.example")).isEmpty();
    assertThat(verp.parse("bounces+@dispatchkit.example")).isEmpty();
    assertThat(verp.parse("bounces+42@other.example")).isEmpty();
    assertThat(verp.parse("noreply+42@dispatchkit.example")).isEmpty();
    assertThat(verp.parse("bounces+4 2@dispatchkit.example")).isEmpty();
  }

  @Test
  void anIdThatWouldNeedQuotingIsRefused() {
    assertThatThrownBy(() -> verp.address("a+b")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> verp.address("a@b")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> verp.address("")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> verp.address("é".toUpperCase(Locale.ROOT)))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void theSchemeItselfIsChecked() {
    assertThatThrownBy(() -> new Verp("bounces+x", "dispatchkit.example"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations()).singleElement().asString().startsWith("localPart"));
    assertThatThrownBy(() -> new Verp("bounces", "dispatchkit example"))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> assertThat(e.violations()).singleElement().asString().startsWith("domain"));
  }
}
