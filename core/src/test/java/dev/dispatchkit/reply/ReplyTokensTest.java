package dev.dispatchkit.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.ValidationException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReplyTokensTest {

  private static final byte[] OLD_KEY = key('o');
  private static final byte[] NEW_KEY = key('n');

  private static byte[] key(char c) {
    return String.valueOf(c).repeat(32).getBytes(StandardCharsets.US_ASCII);
  }

  private static final ReplyTokens OLD = ReplyTokens.builder().signingKey(1, OLD_KEY).build();
  private static final ReplyTokens ROTATED =
      ReplyTokens.builder().signingKey(2, NEW_KEY).verifyingKey(1, OLD_KEY).build();

  @Property
  void issuedTokensVerifyToTheirDispatchId(@ForAll long dispatchId) {
    String token = ROTATED.issue(dispatchId);
    assertThat(token).hasSize(ReplyTokens.TOKEN_LENGTH).matches("[a-z2-7]+");
    assertThat(ROTATED.verify(token)).hasValue(dispatchId);
  }

  @Property
  void tokensCompareCaseInsensitively(@ForAll long dispatchId) {
    assertThat(ROTATED.verify(ROTATED.issue(dispatchId).toUpperCase(Locale.ROOT)))
        .hasValue(dispatchId);
  }

  @Property
  void anySingleCharacterChangeFails(
      @ForAll long dispatchId,
      @ForAll @IntRange(min = 0, max = 31) int position,
      @ForAll("base32") char replacement) {
    String token = ROTATED.issue(dispatchId);
    if (Character.toLowerCase(replacement) == token.charAt(position)) {
      replacement = token.charAt(position) == 'a' ? 'b' : 'a';
    }
    String changed = token.substring(0, position) + replacement + token.substring(position + 1);
    assertThat(ROTATED.verify(changed)).isEmpty();
  }

  @Provide
  Arbitrary<Character> base32() {
    return Arbitraries.of("abcdefghijklmnopqrstuvwxyz234567ABCXYZ0189-+_".toCharArray())
        .map(Character::valueOf);
  }

  @Property
  void rotationKeepsOldTokensVerifying(@ForAll long dispatchId) {
    String old = OLD.issue(dispatchId);
    assertThat(ROTATED.verify(old)).hasValue(dispatchId);
    // A ring that dropped the old key refuses its tokens.
    ReplyTokens newOnly = ReplyTokens.builder().signingKey(2, NEW_KEY).build();
    assertThat(newOnly.verify(old)).isEmpty();
    assertThat(OLD.verify(ROTATED.issue(dispatchId))).isEmpty();
  }

  @Property
  void garbageNeverThrowsAndNeverVerifies(@ForAll String garbage) {
    assertThat(ROTATED.verify(garbage)).isEmpty();
    assertThat(ROTATED.verifyAddress(garbage)).isEmpty();
  }

  @Property
  void theHmacIsRfc2104HmacSha256(@ForAll byte[] key, @ForAll byte[] message) throws Exception {
    byte[] k = key.length == 0 ? new byte[] {0} : key;
    javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
    mac.init(new javax.crypto.spec.SecretKeySpec(k, "HmacSHA256"));
    assertThat(ReplyTokens.hmacSha256(k, message)).isEqualTo(mac.doFinal(message));
  }

  @Test
  void theHmacMatchesRfc4231TestCase2() {
    byte[] digest =
        ReplyTokens.hmacSha256(
            "Jefe".getBytes(StandardCharsets.US_ASCII),
            "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
    assertThat(java.util.HexFormat.of().formatHex(digest))
        .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void theAddressCarriesTheTokenAfterAPlus() {
    String address = ROTATED.address("dispatch", "dk.example", 7L);
    assertThat(address).startsWith("dispatch+").endsWith("@dk.example");
    assertThat(address.substring(0, address.indexOf('@')).length()).isLessThanOrEqualTo(64);
    assertThat(ROTATED.verifyAddress(address)).hasValue(7L);
    assertThat(ROTATED.verifyAddress(address.toUpperCase(Locale.ROOT))).hasValue(7L);
    assertThat(ROTATED.verifyAddress("dispatch@dk.example")).isEmpty();
    assertThat(ROTATED.verifyAddress(null)).isEmpty();
  }

  @Test
  void aLocalPartLeavingNoRoomForTheTokenIsRefused() {
    assertThat(ROTATED.address("a".repeat(31), "dk.example", 1L)).isNotEmpty();
    assertThatThrownBy(() -> ROTATED.address("a".repeat(32), "dk.example", 1L))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("64");
    assertThatThrownBy(() -> ROTATED.address("a+b", "dk.example", 1L))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void keysAreCheckedAtOnce() {
    assertThatThrownBy(() -> ReplyTokens.builder().signingKey(1, new byte[31]))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("32");
    assertThatThrownBy(() -> ReplyTokens.builder().signingKey(256, OLD_KEY))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(() -> ReplyTokens.builder().verifyingKey(1, OLD_KEY).build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("signing key");
    assertThatThrownBy(() -> ReplyTokens.builder().signingKey(1, OLD_KEY).verifyingKey(1, NEW_KEY))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void changingTheCallersKeyArrayAfterwardsChangesNothing() {
    byte[] secret = key('k');
    ReplyTokens tokens = ReplyTokens.builder().signingKey(3, secret).build();
    String token = tokens.issue(9L);
    secret[0] = 'x';
    assertThat(tokens.verify(token)).hasValue(9L);
  }
}
