package dev.dispatchkit.reply;

import static dev.dispatchkit.reply.TrimMarkers.stripDecoration;

import dev.dispatchkit.reply.LineScan.Kind;
import dev.dispatchkit.reply.Vocabulary.WordList;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds the reply header above a quoted original: a line ending with a verb such as {@code wrote:}
 * or {@code a écrit :}, possibly wrapped over several lines, or a date and an address without a
 * verb.
 */
final class ReplyHeaders {

  /** How many lines above its end a wrapped reply header may start. */
  private static final int HEADER_LOOKBACK = 4;

  private final Lexicon lexicon;

  // The verbs as lines are compared with, computed once rather than for every line.
  private final Set<String> headerVerbs;

  ReplyHeaders(Lexicon lexicon) {
    this.lexicon = lexicon;
    Set<String> headerVerbs = new HashSet<>();
    for (Lexicon.Entry entry : lexicon.entries(WordList.REPLY_HEADER)) {
      headerVerbs.add(entry.phrase());
    }
    this.headerVerbs = Set.copyOf(headerVerbs);
  }

  /**
   * Where a reply header ending on line {@code i} starts; -1 when line {@code i} ends none.
   *
   * <p>A header ends with a colon (or sits between dashes) and holds a verb such as "wrote" or "a
   * écrit", or, without a verb, a date and an address right before the colon. Mail programs wrap
   * long headers, so it may start up to {@link #HEADER_LOOKBACK} lines higher: at the nearest line
   * that opens with a date or an opening word with a date ("On 3 May", "Le 4 janv."), else at the
   * nearest line holding the verb and an address. Line {@code i} itself is tried first, so a
   * sentence of the new text above a one-line header is never taken into it.
   */
  int start(LineScan scan, int i) {
    String f = scan.folded(i);
    boolean decorated = f.startsWith("--") && f.endsWith("--");
    if (!f.endsWith(":") && !decorated && !endsLikeBareHeader(scan, i)) {
      return -1;
    }
    int start = -1;
    for (int k = i; k >= 0 && k >= i - HEADER_LOOKBACK; k--) {
      if (k < i && scan.kind(k) == Kind.QUOTE) {
        break;
      }
      if (scan.kind(k) == Kind.TEXT && opensHeader(stripDecoration(scan.folded(k)))) {
        start = k;
        break;
      }
    }
    if (start < 0) {
      for (int k = i; k >= 0 && k >= i - HEADER_LOOKBACK; k--) {
        if (k < i && scan.kind(k) == Kind.QUOTE) {
          break;
        }
        if (scan.kind(k) == Kind.TEXT
            && hasVerb(scan.folded(k))
            && scan.folded(k).indexOf('@') >= 0) {
          start = k;
          break;
        }
      }
    }
    if (start < 0) {
      start = i;
    }
    StringBuilder joined = new StringBuilder();
    for (int k = start; k <= i; k++) {
      joined.append(' ').append(scan.folded(k));
    }
    String header = stripDecoration(joined.toString());
    if (hasVerb(header) && (start < i || opensHeader(header) || looksLikeHeaderLine(header))) {
      return start;
    }
    // Without a verb: "2016-10-24 15:36 GMT+02:00 Foo <foo@bar.example>:" (Gmail, Yandex).
    if (startsWithDigit(scan.folded(start))
        && header.indexOf('@') >= 0
        && endsWithAddress(scan.folded(i))) {
      return start;
    }
    return -1;
  }

  /** A {@code >:} or {@code > wrote:} line: the wrapped end of a header, not a quote. */
  boolean isHeaderTail(String folded) {
    // Checked first so that the many ordinary quoted lines cost no copy.
    if (!folded.endsWith(":")) {
      return false;
    }
    String rest = folded.substring(1).strip();
    if (rest.equals(":")) {
      return true;
    }
    if (!rest.endsWith(":")) {
      return false;
    }
    return headerVerbs.contains(rest.substring(0, rest.length() - 1).strip());
  }

  /** "2013/7/20 sam <sam@example.com>" above quoted or {@code |}-prefixed lines. */
  private static boolean endsLikeBareHeader(LineScan scan, int i) {
    String f = scan.folded(i);
    if (!f.endsWith(">") || f.indexOf('@') < 0 || !startsWithDigit(f)) {
      return false;
    }
    int next = scan.nextNonBlank(i + 1);
    return next >= 0 && (scan.kind(next) == Kind.QUOTE || scan.folded(next).startsWith("|"));
  }

  private static boolean endsWithAddress(String folded) {
    String f = folded.endsWith(":") ? folded.substring(0, folded.length() - 1).strip() : folded;
    if (f.endsWith(">")) {
      return true;
    }
    int space = f.lastIndexOf(' ');
    return f.substring(space + 1).indexOf('@') > 0;
  }

  /** A line opening a header: a date, or an opening word ("On", "Le") and a digit. */
  private boolean opensHeader(String folded) {
    if (startsWithDigit(folded)) {
      return true;
    }
    return lexicon.matchLength(WordList.REPLY_HEADER_START, folded, 0) >= 0
        && containsDigit(folded);
  }

  private boolean hasVerb(String folded) {
    return lexicon.containsAny(WordList.REPLY_HEADER, folded);
  }

  private static boolean startsWithDigit(String s) {
    return !s.isEmpty() && Character.isDigit(s.charAt(0));
  }

  /** A one-line header without an opening word: an address or a date before the verb. */
  private static boolean looksLikeHeaderLine(String folded) {
    return folded.indexOf('@') >= 0 || folded.indexOf('<') >= 0 || containsDigit(folded);
  }

  private static boolean containsDigit(String s) {
    for (int k = 0; k < s.length(); k++) {
      if (Character.isDigit(s.charAt(k))) {
        return true;
      }
    }
    return false;
  }
}
