package dev.dispatchkit.mail;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * Where an IMAP message lies, written in the manner of an RFC 5092 IMAP URL path: {@code
 * imap:INBOX;UIDVALIDITY=1700000000;UID=42}. A UID means something only together with the folder's
 * UIDVALIDITY, so both travel in the receipt.
 */
record ImapReceipt(String folder, long uidValidity, long uid) {

  private static final String SCHEME = "imap:";

  ImapReceipt {
    Objects.requireNonNull(folder, "folder");
  }

  String encode() {
    // Percent-encoding keeps a folder name with ';' from breaking the format.
    return SCHEME
        + URLEncoder.encode(folder, StandardCharsets.UTF_8)
        + ";UIDVALIDITY="
        + uidValidity
        + ";UID="
        + uid;
  }

  /** The receipt, or empty when the text is not one this class wrote. */
  static Optional<ImapReceipt> parse(String text) {
    if (!text.startsWith(SCHEME)) {
      return Optional.empty();
    }
    String[] parts = text.substring(SCHEME.length()).split(";", -1);
    if (parts.length != 3 || !parts[1].startsWith("UIDVALIDITY=") || !parts[2].startsWith("UID=")) {
      return Optional.empty();
    }
    try {
      String folder = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      long uidValidity = Long.parseLong(parts[1].substring("UIDVALIDITY=".length()));
      long uid = Long.parseLong(parts[2].substring("UID=".length()));
      if (uidValidity < 0 || uid < 1) {
        return Optional.empty();
      }
      return Optional.of(new ImapReceipt(folder, uidValidity, uid));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
