package dev.dispatchkit.reply;

import java.text.Normalizer;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Text folded for matching, with a map back to the original: Unicode NFKC, zero-width characters
 * removed, every space as {@code ' '}, every dash as {@code '-'}, every apostrophe as {@code '\''},
 * lower case, accents and emoji removed.
 *
 * <p>Folding works one code point at a time. That differs from whole-string NFKC only for
 * compositions of a letter with a combining mark, and those marks are removed anyway.
 */
final class Folded {

  private final String text;

  /** Where each folded character comes from; null when folding kept every position (ASCII). */
  private final int @Nullable [] origin;

  private final int originalLength;

  private Folded(String text, int @Nullable [] origin, int originalLength) {
    this.text = text;
    this.origin = origin;
    this.originalLength = originalLength;
  }

  /** The folded form of {@code s}. */
  static Folded of(String s) {
    if (isAscii(s)) {
      // Only A-Z change, one character for one: no map back is needed.
      return new Folded(s.toLowerCase(Locale.ROOT), null, s.length());
    }
    StringBuilder out = new StringBuilder(s.length());
    int[] origin = new int[s.length() + 8];
    int i = 0;
    while (i < s.length()) {
      int cp = s.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (cp < 128) {
        origin = append(out, origin, (char) (cp >= 'A' && cp <= 'Z' ? cp + 32 : cp), i);
      } else {
        String folded = foldCodePoint(cp);
        for (int k = 0; k < folded.length(); k++) {
          origin = append(out, origin, folded.charAt(k), i);
        }
      }
      i = next;
    }
    int[] exact = new int[out.length() + 1];
    System.arraycopy(origin, 0, exact, 0, out.length());
    exact[out.length()] = s.length();
    return new Folded(out.toString(), exact, s.length());
  }

  /** The folded form of {@code s}, without the map back. */
  static String fold(String s) {
    return isAscii(s) ? s.toLowerCase(Locale.ROOT) : of(s).text();
  }

  private static boolean isAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) >= 128) {
        return false;
      }
    }
    return true;
  }

  private static int[] append(StringBuilder out, int[] origin, char c, int from) {
    int[] o = origin;
    if (out.length() >= o.length - 1) {
      int[] bigger = new int[o.length * 2 + 8];
      System.arraycopy(o, 0, bigger, 0, out.length());
      o = bigger;
    }
    o[out.length()] = from;
    out.append(c);
    return o;
  }

  private static String foldCodePoint(int cp) {
    if (isInvisible(cp) || isEmoji(cp)) {
      return "";
    }
    if (Character.isSpaceChar(cp) || cp == '\u0085') {
      return " ";
    }
    if (Character.getType(cp) == Character.DASH_PUNCTUATION || cp == 0x2212 || cp == 0x2043) {
      return "-";
    }
    switch (cp) {
      case 0x2018, 0x2019, 0x201B, 0x02BC, 0x2032, 0x00B4, 0xFF07:
        return "'";
      case 0x00AB, 0x00BB, 0x201C, 0x201D, 0x201E, 0x2039, 0x203A:
        return "\"";
      default:
        break;
    }
    String nfkc = Normalizer.normalize(new String(Character.toChars(cp)), Normalizer.Form.NFKC);
    String lower = nfkc.toLowerCase(Locale.ROOT);
    String nfd = Normalizer.normalize(lower, Normalizer.Form.NFD);
    StringBuilder kept = new StringBuilder(nfd.length());
    for (int k = 0; k < nfd.length(); k++) {
      char c = nfd.charAt(k);
      int type = Character.getType(c);
      if (type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK) {
        kept.append(c);
      }
    }
    // NFKC may itself produce dashes or spaces (full-width forms): fold those too.
    String result = kept.toString();
    if (result.length() == 1 && result.charAt(0) != cp && result.charAt(0) >= 128) {
      return foldCodePoint(result.charAt(0));
    }
    return result;
  }

  /** Zero-width and format characters, variation selectors, and Gmail's tracking dot. */
  static boolean isInvisible(int cp) {
    return Character.getType(cp) == Character.FORMAT
        || (cp >= 0xFE00 && cp <= 0xFE0F)
        || (cp >= 0xE0100 && cp <= 0xE01EF)
        || cp == 0x1427
        || cp == 0x034F;
  }

  private static boolean isEmoji(int cp) {
    int type = Character.getType(cp);
    if (type == Character.OTHER_SYMBOL && cp >= 0x2100) {
      return true;
    }
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x1F3FB && cp <= 0x1F3FF) || cp == 0x20E3;
  }

  /** The folded text. */
  String text() {
    return text;
  }

  /** The index in the original text of the character at {@code index} of the folded text. */
  int originOf(int index) {
    if (index >= text.length()) {
      return originalLength;
    }
    return origin == null ? index : origin[index];
  }

  @Override
  public String toString() {
    return text;
  }
}
