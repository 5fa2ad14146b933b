package dev.dispatchkit.reply;

import dev.dispatchkit.reply.Vocabulary.WordList;
import dev.dispatchkit.workorder.TrackingNumber;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Reading subjects: reply and forward prefixes, and the tracking number. */
final class Subjects {

  /** More prefixes than this are not stripped: a subject is no place for a loop. */
  private static final int MAX_PREFIXES = 32;

  private final Lexicon lexicon;

  Subjects(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** The folded subject without its leading reply prefixes ("RE: AW: Re[2]:"). */
  String withoutReplyPrefixes(String folded) {
    String s = Lexicon.collapseSpaces(folded).strip();
    for (int i = 0; i < MAX_PREFIXES; i++) {
      int end = prefixEnd(WordList.REPLY_PREFIX, s);
      if (end < 0) {
        return s;
      }
      s = s.substring(end).strip();
    }
    return s;
  }

  /** Whether the subject's first prefix is a forward prefix ("TR :", "Fwd:", "FW:", "WG:"). */
  boolean isForward(String subject) {
    String s = Lexicon.collapseSpaces(Folded.fold(subject)).strip();
    return prefixEnd(WordList.FORWARD_PREFIX, s) >= 0;
  }

  /**
   * Where a prefix of {@code list} and its colon end, or -1: "re:", "re :", "re[2]:", "aw (3):".
   */
  private int prefixEnd(WordList list, String s) {
    int end = lexicon.matchLength(list, s, 0);
    if (end < 0) {
      return -1;
    }
    int k = end;
    while (k < s.length() && s.charAt(k) == ' ') {
      k++;
    }
    if (k < s.length() && (s.charAt(k) == '[' || s.charAt(k) == '(')) {
      char close = s.charAt(k) == '[' ? ']' : ')';
      int j = k + 1;
      while (j < s.length() && j - k <= 4 && Character.isDigit(s.charAt(j))) {
        j++;
      }
      if (j < s.length() && s.charAt(j) == close) {
        k = j + 1;
      }
      while (k < s.length() && s.charAt(k) == ' ') {
        k++;
      }
    }
    return k < s.length() && s.charAt(k) == ':' ? k + 1 : -1;
  }

  /**
   * The tracking number of a subject. A number written {@code #123456} wins; otherwise a bare run
   * of 6 to 12 digits counts, unless it touches a date, time or phone separator ({@code / . : - +})
   * or stands inside a longer run of digits and spaces (a phone number written in groups). When
   * several different numbers qualify, none is taken: a wrong work order is worse than none.
   */
  static @Nullable TrackingNumber trackingNumber(String subject) {
    Set<String> hashed = new LinkedHashSet<>();
    Set<String> bare = new LinkedHashSet<>();
    int n = subject.length();
    int i = 0;
    while (i < n) {
      if (!isAsciiDigit(subject.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < n && isAsciiDigit(subject.charAt(i))) {
        i++;
      }
      String digits = subject.substring(start, i);
      if (!TrackingNumber.isValid(digits)) {
        continue;
      }
      char before = start > 0 ? subject.charAt(start - 1) : ' ';
      char after = i < n ? subject.charAt(i) : ' ';
      if (Character.isLetter(before) || Character.isLetter(after)) {
        continue;
      }
      int hashAt = start - 1;
      if (hashAt >= 0 && subject.charAt(hashAt) == ' ') {
        hashAt--;
      }
      if (hashAt >= 0 && subject.charAt(hashAt) == '#') {
        hashed.add(digits);
        continue;
      }
      boolean separatorBefore = "/.:-+,".indexOf(before) >= 0;
      boolean separatorAfter =
          "/:-+".indexOf(after) >= 0
              || ((after == '.' || after == ',')
                  && i + 1 < n
                  && isAsciiDigit(subject.charAt(i + 1)));
      if (separatorBefore || separatorAfter || groupedDigits(subject, start, i)) {
        continue;
      }
      bare.add(digits);
    }
    Set<String> chosen = hashed.isEmpty() ? bare : hashed;
    return chosen.size() == 1 ? new TrackingNumber(chosen.iterator().next()) : null;
  }

  /** Whether digits stand next to other digit groups across single spaces ("06 12 345678"). */
  private static boolean groupedDigits(String s, int start, int end) {
    boolean left = start >= 2 && s.charAt(start - 1) == ' ' && isAsciiDigit(s.charAt(start - 2));
    boolean right = end + 1 < s.length() && s.charAt(end) == ' ' && isAsciiDigit(s.charAt(end + 1));
    return left || right;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }
}
