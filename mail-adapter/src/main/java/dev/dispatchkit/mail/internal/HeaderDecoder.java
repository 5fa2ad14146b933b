package dev.dispatchkit.mail.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes header values: unfolding, raw 8-bit bytes, and RFC 2047 encoded words with the same
 * charset fallback as bodies.
 */
final class HeaderDecoder {

  private static final Pattern ENCODED_WORD =
      Pattern.compile("=\\?([^?\\s]+)\\?([bBqQ])\\?([^?\\s]*)\\?=");

  private HeaderDecoder() {}

  /** Removes the line breaks of a folded header value (RFC 5322 section 2.2.3). */
  static String unfold(String raw) {
    if (raw.indexOf('\n') < 0 && raw.indexOf('\r') < 0) {
      return raw.trim();
    }
    StringBuilder out = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\r' && c != '\n') {
        out.append(c);
      }
    }
    return out.toString().trim();
  }

  /**
   * Jakarta Mail reads header bytes as ISO-8859-1, so a raw UTF-8 header (common, though not
   * allowed before RFC 6532) arrives as one char per byte. Re-reads such text with the fallback
   * chain.
   */
  static String fixEightBit(String value) {
    boolean eightBit = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c > 0xFF) {
        return value;
      }
      eightBit |= c >= 0x80;
    }
    return eightBit ? TextDecoder.decode(value.getBytes(StandardCharsets.ISO_8859_1), null) : value;
  }

  /** Unfolds, fixes raw 8-bit text and decodes encoded words. Never throws. */
  static String decode(String raw) {
    String value = fixEightBit(unfold(raw));
    return value.contains("=?") ? decodeWords(value) : value;
  }

  /**
   * Decodes the encoded words of a value. Adjacent words separated only by white space are joined
   * (RFC 2047 section 6.2), and their bytes are decoded together when they share a charset: some
   * senders split a multi-byte character across two words.
   */
  static String decodeWords(String value) {
    Matcher m = ENCODED_WORD.matcher(value);
    StringBuilder out = new StringBuilder(value.length());
    ByteArrayOutputStream pending = new ByteArrayOutputStream();
    String pendingCharset = null;
    int last = 0;
    while (m.find()) {
      String gap = value.substring(last, m.start());
      boolean adjacent = pendingCharset != null && gap.isBlank();
      String charset = m.group(1);
      int star = charset.indexOf('*'); // RFC 2231 language suffix: utf-8*fr
      if (star >= 0) {
        charset = charset.substring(0, star);
      }
      if (!adjacent || !charset.equalsIgnoreCase(pendingCharset)) {
        if (pendingCharset != null) {
          out.append(TextDecoder.decode(pending.toByteArray(), pendingCharset));
          pending.reset();
        }
        if (!adjacent) {
          out.append(gap);
        }
      }
      pendingCharset = charset;
      byte[] bytes =
          m.group(2).toUpperCase(Locale.ROOT).equals("B") ? base64(m.group(3)) : q(m.group(3));
      pending.write(bytes, 0, bytes.length);
      last = m.end();
    }
    if (pendingCharset != null) {
      out.append(TextDecoder.decode(pending.toByteArray(), pendingCharset));
    }
    out.append(value, last, value.length());
    return out.toString();
  }

  // Lenient: drops characters outside the alphabet and repairs the padding.
  private static byte[] base64(String text) {
    StringBuilder clean = new StringBuilder(text.length() + 3);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c >= 'A' && c <= 'Z')
          || (c >= 'a' && c <= 'z')
          || (c >= '0' && c <= '9')
          || c == '+'
          || c == '/') {
        clean.append(c);
      }
    }
    if (clean.length() % 4 == 1) {
      clean.setLength(clean.length() - 1);
    }
    while (clean.length() % 4 != 0) {
      clean.append('=');
    }
    return Base64.getDecoder().decode(clean.toString());
  }

  private static byte[] q(String text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '_') {
        out.write(' ');
      } else if (c == '='
          && i + 2 < text.length()
          && hex(text.charAt(i + 1)) >= 0
          && hex(text.charAt(i + 2)) >= 0) {
        out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 2;
      } else {
        out.write(c & 0xFF);
      }
    }
    return out.toByteArray();
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
