package dev.dispatchkit.workorder;

/**
 * A person of the client who may be notified about a work order, for instance of an expected-date
 * change.
 *
 * @param name the person's name, on one line
 * @param email a plain ASCII address ({@code local@domain.tld}) without display name
 */
public record ContactPerson(String name, String email) {

  /** The longest name accepted. */
  public static final int MAX_NAME = 200;

  /**
   * @throws dev.dispatchkit.error.ValidationException if the name is blank, too long or holds a
   *     line break, or the address is not a plain address
   */
  public ContactPerson {
    Texts check = Texts.check("ContactPerson").line("name", name, MAX_NAME);
    if (email == null || !isPlainAddress(email)) {
      check.add("email is not a plain address: " + email);
    }
    check.orThrow();
  }

  /**
   * Whether {@code candidate} is an address this library accepts: a dot-atom local part of at most
   * 64 characters, {@code @}, and a domain of at least two DNS labels, at most 254 characters in
   * all. Quoted local parts, IP literals and non-ASCII addresses are refused: they are rare in
   * dispatch and a classic source of header injection. Never throws.
   */
  public static boolean isPlainAddress(String candidate) {
    int length = candidate.length();
    if (length > 254) {
      return false;
    }
    int at = candidate.indexOf('@');
    if (at <= 0 || at != candidate.lastIndexOf('@') || at > 64) {
      return false;
    }
    // Both parts are checked in place: a contact is decoded with every work order read.
    return isDotAtom(candidate, 0, at) && isDomain(candidate, at + 1, length);
  }

  /** Whether {@code text[from, to)}, not empty, is a dot-atom. */
  private static boolean isDotAtom(String text, int from, int to) {
    if (text.charAt(from) == '.' || text.charAt(to - 1) == '.') {
      return false;
    }
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c == '.') {
        if (text.charAt(i - 1) == '.') {
          return false;
        }
      } else if (!isAsciiLetterOrDigit(c) && "!#$%&'*+/=?^_`{|}~-".indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code text[from, to)} is a domain of at least two DNS labels. */
  private static boolean isDomain(String text, int from, int to) {
    int length = to - from;
    if (length == 0 || length > 253) {
      return false;
    }
    int labels = 0;
    int start = from;
    boolean allDigits = true;
    for (int i = from; i <= to; i++) {
      if (i < to && text.charAt(i) != '.') {
        continue;
      }
      // text[start, i) is a label
      int size = i - start;
      if (size == 0 || size > 63 || text.charAt(start) == '-' || text.charAt(i - 1) == '-') {
        return false;
      }
      allDigits = true;
      for (int k = start; k < i; k++) {
        char c = text.charAt(k);
        if (!isAsciiLetterOrDigit(c) && c != '-') {
          return false;
        }
        allDigits &= c >= '0' && c <= '9';
      }
      labels++;
      start = i + 1;
    }
    // A top-level domain is never all digits; this refuses bare IPv4 addresses.
    return labels >= 2 && !allDigits;
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
