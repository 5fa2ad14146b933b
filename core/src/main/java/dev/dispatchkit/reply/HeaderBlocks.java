package dev.dispatchkit.reply;

import dev.dispatchkit.reply.LineScan.Kind;
import dev.dispatchkit.reply.Vocabulary.WordList;
import java.util.EnumSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the header block of a forwarded or quoted original: {@code From:}/{@code De :}/{@code Von:}
 * followed by {@code Sent:}, {@code To:} or {@code Subject:} fields in any language of the
 * vocabulary.
 */
final class HeaderBlocks {

  /** How far below a {@code From:} line the other fields of a header block may stand. */
  private static final int HEADER_BLOCK_LOOKAHEAD = 6;

  private static final List<WordList> FIELDS =
      List.of(
          WordList.HEADER_FROM, WordList.HEADER_SENT, WordList.HEADER_TO, WordList.HEADER_SUBJECT);

  private final Lexicon lexicon;

  HeaderBlocks(Lexicon lexicon) {
    this.lexicon = lexicon;
  }

  /** Whether line {@code i} opens a header block: a sender field, then other fields below. */
  boolean opensBlock(LineScan scan, int i) {
    int afterFrom = fieldValueStart(WordList.HEADER_FROM, scan.folded(i));
    if (afterFrom < 0) {
      return isBlockWithoutFromFirst(scan, i);
    }
    String rest = scan.folded(i).substring(afterFrom);
    // Some clients put the whole block on one line.
    if (containsField(rest, WordList.HEADER_SENT) || containsField(rest, WordList.HEADER_SUBJECT)) {
      return true;
    }
    int seen = 0;
    for (int k = i + 1; k < scan.size() && seen < HEADER_BLOCK_LOOKAHEAD; k++) {
      if (scan.kind(k) == Kind.BLANK) {
        continue;
      }
      seen++;
      if (fieldValueStart(WordList.HEADER_SENT, scan.folded(k)) >= 0
          || fieldValueStart(WordList.HEADER_TO, scan.folded(k)) >= 0
          || fieldValueStart(WordList.HEADER_SUBJECT, scan.folded(k)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Hotmail and others start the block with {@code Date:} or {@code Subject:}: then the block needs
   * a sender field and a third kind of field within the next lines.
   */
  private boolean isBlockWithoutFromFirst(LineScan scan, int i) {
    WordList first = fieldKind(scan.folded(i));
    if (first == null || first == WordList.HEADER_TO) {
      return false;
    }
    EnumSet<WordList> kindsSeen = EnumSet.of(first);
    int seen = 0;
    for (int k = i + 1; k < scan.size() && seen < HEADER_BLOCK_LOOKAHEAD; k++) {
      if (scan.kind(k) == Kind.BLANK) {
        continue;
      }
      seen++;
      WordList kind = fieldKind(scan.folded(k));
      if (kind != null) {
        kindsSeen.add(kind);
      }
    }
    return kindsSeen.contains(WordList.HEADER_FROM) && kindsSeen.size() >= 3;
  }

  private @Nullable WordList fieldKind(String folded) {
    for (WordList kind : FIELDS) {
      if (fieldValueStart(kind, folded) >= 0) {
        return kind;
      }
    }
    return null;
  }

  /** Whether a field name of {@code names} follows a space in {@code text}, then its colon. */
  private boolean containsField(String text, WordList names) {
    for (int at = text.indexOf(' '); at >= 0 && at + 1 < text.length(); ) {
      for (Lexicon.Entry entry : lexicon.startingWith(names, text.charAt(at + 1))) {
        String phrase = entry.phrase();
        if (!text.startsWith(phrase, at + 1)) {
          continue;
        }
        int end = at + 1 + phrase.length();
        int k = end;
        while (k < text.length() && (text.charAt(k) == ' ' || text.charAt(k) == '*')) {
          k++;
        }
        if (k < text.length() && text.charAt(k) == ':' && k - end <= 3) {
          return true;
        }
      }
      at = text.indexOf(' ', at + 1);
    }
    return false;
  }

  /**
   * Where the value of a header field starts when {@code folded} is such a field ({@code From:},
   * {@code *De :*}, {@code Von:}); -1 when it is not.
   */
  private int fieldValueStart(WordList names, String folded) {
    int pos = 0;
    while (pos < folded.length() && (folded.charAt(pos) == '*' || folded.charAt(pos) == ' ')) {
      pos++;
    }
    int end = lexicon.matchLength(names, folded, pos);
    if (end < 0) {
      return -1;
    }
    int k = end;
    while (k < folded.length() && (folded.charAt(k) == ' ' || folded.charAt(k) == '*')) {
      k++;
    }
    return k < folded.length() && folded.charAt(k) == ':' ? k + 1 : -1;
  }
}
