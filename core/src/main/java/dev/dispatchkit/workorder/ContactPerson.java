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
   * @throws dev.dispatchkit.ValidationException if the name is blank, too long or holds a line
   *     break, or the address is not a plain address
   */
  public ContactPerson {
    Texts.check("ContactPerson")
        .line("name", name, MAX_NAME)
        .require(email != null && isPlainAddress(email), "email is not a plain address: " + email)
        .orThrow();
  }

  /**
   * Whether {@code candidate} is an address this library accepts: a dot-atom local part of at most
   * 64 characters, {@code @}, and a domain of at least two DNS labels, at most 254 characters in
   * all. Quoted local parts, IP literals and non-ASCII addresses are refused: they are rare in
   * dispatch and a classic source of header injection. Never throws.
   */
  public static boolean isPlainAddress(String candidate) {
    if (candidate.length() > 254) {
      return false;
    }
    int at = candidate.indexOf('@');
    if (at <= 0 || at != candidate.lastIndexOf('@') || at > 64) {
      return false;
    }
    return isDotAtom(candidate.substring(0, at)) && isDomain(candidate.substring(at + 1));
  }

  private static boolean isDotAtom(String local) {
    if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
      return false;
    }
    for (int i = 0; i < local.length(); i++) {
      char c = local.charAt(i);
      boolean ok = isAsciiLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~.-".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean isDomain(String domain) {
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
      for (int i = 0; i < label.length(); i++) {
        char c = label.charAt(i);
        if (!isAsciiLetterOrDigit(c) && c != '-') {
          return false;
        }
      }
    }
    // A top-level domain is never all digits; this refuses bare IPv4 addresses.
    return !labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9');
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
