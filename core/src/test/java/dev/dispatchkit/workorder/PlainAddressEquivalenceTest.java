package dev.dispatchkit.workorder;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link ContactPerson#isPlainAddress} checks its parts in place; it must accept exactly what the
 * straightforward definition (split at {@code @} and at dots) accepts.
 */
class PlainAddressEquivalenceTest {

  @Property(tries = 3000)
  void inPlaceCheckAgreesWithTheDefinition(@ForAll("addressLike") String candidate) {
    assertThat(ContactPerson.isPlainAddress(candidate)).isEqualTo(byDefinition(candidate));
  }

  @Provide
  Arbitrary<String> addressLike() {
    // Mostly the characters that matter to the rules, so that both answers occur often.
    return Arbitraries.strings().withChars("ab9-.@_é!").ofMinLength(0).ofMaxLength(20);
  }

  private static boolean byDefinition(String candidate) {
    if (candidate.length() > 254) {
      return false;
    }
    int at = candidate.indexOf('@');
    if (at <= 0 || at != candidate.lastIndexOf('@') || at > 64) {
      return false;
    }
    String local = candidate.substring(0, at);
    String domain = candidate.substring(at + 1);
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (char c : local.toCharArray()) {
      if (!letterOrDigit(c) && "!#$%&'*+/=?^_`{|}~.-".indexOf(c) < 0) {
        return false;
      }
    }
    if (domain.isEmpty() || domain.length() > 253) {
      return false;
    }
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
        return false;
      }
      for (char c : label.toCharArray()) {
        if (!letterOrDigit(c) && c != '-') {
          return false;
        }
      }
    }
    return !labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean letterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
