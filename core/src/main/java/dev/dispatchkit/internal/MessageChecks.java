package dev.dispatchkit.internal;

import dev.dispatchkit.reply.InboundMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What an inbound message says about itself before any work order is read: identity, DMARC. */
final class MessageChecks {

  private static final Pattern DMARC = Pattern.compile("(?i)\\bdmarc\\s*=\\s*([a-z]+)");

  private MessageChecks() {}

  /** The key that recognises a message received twice: its Message-ID, else a content hash. */
  static String dedupKey(InboundMessage message) {
    if (message.messageId() != null && !message.messageId().isBlank()) {
      return message.messageId();
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String part :
          new String[] {
            String.valueOf(message.from()),
            String.join(",", message.to()),
            message.subject(),
            String.valueOf(message.date()),
            String.valueOf(message.textBody()),
            String.valueOf(message.htmlBody())
          }) {
        sha.update(part.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
      }
      return "sha256:" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing", e);
    }
  }

  /**
   * Whether a trusted Authentication-Results header says DMARC failed.
   *
   * @param trustedAuthServIds the lower-case authserv-ids whose results count
   */
  static boolean dmarcFails(InboundMessage message, Set<String> trustedAuthServIds) {
    for (String value : message.headers().all("Authentication-Results")) {
      int semicolon = value.indexOf(';');
      String servId = (semicolon < 0 ? value : value.substring(0, semicolon)).strip();
      int space = servId.indexOf(' ');
      if (space >= 0) {
        servId = servId.substring(0, space);
      }
      if (!trustedAuthServIds.contains(servId.toLowerCase(Locale.ROOT))) {
        continue;
      }
      Matcher m = DMARC.matcher(value);
      while (m.find()) {
        if (!m.group(1).equalsIgnoreCase("pass") && !m.group(1).equalsIgnoreCase("none")) {
          return true;
        }
      }
    }
    return false;
  }
}
