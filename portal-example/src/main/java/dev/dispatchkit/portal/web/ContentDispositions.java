package dev.dispatchkit.portal.web;

import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} with a file name every browser reads safely (RFC 6266):
 * an ASCII {@code filename} for old clients, with anything outside plain ASCII, quotes and
 * backslashes replaced, and the exact UTF-8 name in {@code filename*} (RFC 8187).
 */
final class ContentDispositions {

  private ContentDispositions() {}

  /** The header value for a download under {@code fileName}, already made safe for storage. */
  static String attachment(String fileName) {
    StringBuilder ascii = new StringBuilder(fileName.length());
    for (int i = 0; i < fileName.length(); i++) {
      char c = fileName.charAt(i);
      ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? c : '_');
    }
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encode(fileName);
  }

  /** RFC 8187 value encoding: attr-chars stay, every other byte of the UTF-8 form is %XX. */
  private static String encode(String value) {
    StringBuilder out = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      boolean attrChar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$&+-.^_`|~".indexOf(c) >= 0;
      if (attrChar) {
        out.append((char) c);
      } else {
        out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)));
        out.append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
      }
    }
    return out.toString();
  }
}
