package dev.dispatchkit.workorder;

import java.time.ZoneId;
import java.util.Objects;

/**
 * Where the work is done. Every text is a single line: site details go into email subjects and
 * headers.
 *
 * @param name the site's name, such as {@code "Store 112 - Lyon Part-Dieu"}
 * @param address the postal address, on one line
 * @param phone the site's phone number
 * @param zone the site's time zone; expected dates are shown and judged in it
 */
public record Site(String name, String address, String phone, ZoneId zone) {

  /** The longest name accepted. */
  public static final int MAX_NAME = 200;

  /** The longest address accepted. */
  public static final int MAX_ADDRESS = 500;

  /** The longest phone number accepted. */
  public static final int MAX_PHONE = 40;

  /**
   * @throws dev.dispatchkit.error.ValidationException if a text is blank, too long or holds a line
   *     break or control character, or the phone has no digit
   */
  public Site {
    Objects.requireNonNull(zone, "zone");
    Texts.check("Site")
        .line("name", name, MAX_NAME)
        .line("address", address, MAX_ADDRESS)
        .line("phone", phone, MAX_PHONE)
        .require(phone == null || hasDigit(phone), "phone has no digit")
        .orThrow();
  }

  private static boolean hasDigit(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        return true;
      }
    }
    return false;
  }
}
