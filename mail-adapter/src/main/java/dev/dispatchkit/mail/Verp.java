package dev.dispatchkit.mail;

import dev.dispatchkit.error.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Variable envelope return paths: an envelope sender such as {@code bounces+42@mail.example.com}
 * that carries the id of the mail it sent, so that a bounce, which comes back to the envelope
 * sender, names the mail that failed.
 *
 * <p>Set the address as {@link dev.dispatchkit.spi.OutboundMail#envelopeFrom()}; read the id back
 * from the bounce's recipient with {@link #parse(String)}. The mail server must deliver {@code
 * bounces+anything@domain} to the {@code bounces} mailbox (plus addressing, or a catch-all).
 *
 * @param localPart the mailbox part before the {@code +}, such as {@code bounces}
 * @param domain the domain that receives the bounces
 */
public record Verp(String localPart, String domain) {

  /** Checks that both parts are plain ASCII atoms, so the address needs no quoting. */
  public Verp {
    Objects.requireNonNull(localPart, "localPart");
    Objects.requireNonNull(domain, "domain");
    List<String> violations = new ArrayList<>();
    if (localPart.isEmpty() || !localPart.chars().allMatch(Verp::isIdChar)) {
      violations.add("localPart: '" + localPart + "' may hold only letters, digits, '.', '_', '-'");
    }
    if (domain.isEmpty()
        || domain.startsWith(".")
        || domain.endsWith(".")
        || !domain.chars().allMatch(c -> isAlnum(c) || c == '.' || c == '-')) {
      violations.add("domain: '" + domain + "' is not a domain name");
    }
    if (!violations.isEmpty()) {
      throw new ValidationException("Verp", violations);
    }
  }

  /**
   * The envelope sender for one mail: {@code localPart+id@domain}.
   *
   * @param id the mail's id; letters, digits, {@code .}, {@code _}, {@code -} and {@code =} only,
   *     so that it survives as a local part without quoting
   * @throws ValidationException when the id holds any other character
   */
  public String address(String id) {
    Objects.requireNonNull(id, "id");
    if (!isId(id)) {
      throw new ValidationException(
          "Verp.id", "'" + id + "' may hold only letters, digits, '.', '_', '-', '='");
    }
    return localPart + "+" + id + "@" + domain;
  }

  /**
   * The id in an address this scheme built, such as a bounce's {@code To} or {@code Delivered-To};
   * empty for any other address. Angle brackets around the address are allowed, and the comparison
   * ignores case, as mail servers may change it.
   */
  public Optional<String> parse(String address) {
    Objects.requireNonNull(address, "address");
    String a = address.strip();
    if (a.length() >= 2 && a.charAt(0) == '<' && a.charAt(a.length() - 1) == '>') {
      a = a.substring(1, a.length() - 1);
    }
    String prefix = localPart + "+";
    String suffix = "@" + domain;
    if (a.length() <= prefix.length() + suffix.length()
        || !a.regionMatches(true, 0, prefix, 0, prefix.length())
        || !a.regionMatches(true, a.length() - suffix.length(), suffix, 0, suffix.length())) {
      return Optional.empty();
    }
    String id = a.substring(prefix.length(), a.length() - suffix.length());
    return isId(id) ? Optional.of(id) : Optional.empty();
  }

  private static boolean isId(String id) {
    return !id.isEmpty() && id.chars().allMatch(c -> isIdChar(c) || c == '=');
  }

  private static boolean isIdChar(int c) {
    return isAlnum(c) || c == '.' || c == '_' || c == '-';
  }

  private static boolean isAlnum(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
