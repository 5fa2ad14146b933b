package dev.dispatchkit.reply;

import dev.dispatchkit.reply.Vocabulary.WordList;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The one-line markers below which a reply holds nothing new: separators such as {@code
 * -----Original Message-----}, lines of decoration only, a {@code -- } signature, a mobile
 * signature and forward markers.
 */
final class TrimMarkers {

  private final Lexicon lexicon;

  // Markers in the form lines are compared with, computed once rather than for every line.
  private final Set<String> separators;
  private final List<String> forwardMarkers;

  TrimMarkers(Lexicon lexicon) {
    this.lexicon = lexicon;
    Set<String> separators = new HashSet<>();
    for (Lexicon.Entry entry : lexicon.entries(WordList.ORIGINAL_MESSAGE)) {
      separators.add(stripDecoration(entry.phrase()));
    }
    this.separators = Set.copyOf(separators);
    List<String> forwardMarkers = new ArrayList<>();
    for (Lexicon.Entry entry : lexicon.entries(WordList.FORWARD_MARKER)) {
      String marker = stripDecoration(entry.phrase());
      if (!marker.isEmpty()) {
        forwardMarkers.add(marker);
      }
    }
    this.forwardMarkers = List.copyOf(forwardMarkers);
  }

  boolean isForwardMarker(String folded) {
    String core = stripDecoration(folded);
    if (core.isEmpty()) {
      return false;
    }
    for (String marker : forwardMarkers) {
      if (core.startsWith(marker)
          && (core.length() == marker.length() || core.charAt(marker.length()) == ' ')) {
        return true;
      }
    }
    return false;
  }

  boolean isSignatureOrSeparator(String line, String folded) {
    String raw = line.strip();
    if (raw.equals("--") || raw.equals("-- ")) {
      return true;
    }
    if (folded.length() >= 2 && isDecorationOnly(folded)) {
      return true;
    }
    String core = stripDecoration(folded);
    return !core.isEmpty() && separators.contains(core);
  }

  /** "Sent from my iPhone" and the like. */
  boolean isMobileSignature(String folded) {
    if (folded.isEmpty()) {
      return false;
    }
    for (Lexicon.Entry entry : lexicon.startingWith(WordList.MOBILE_SIGNATURE, folded.charAt(0))) {
      if (folded.startsWith(entry.phrase())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDecorationOnly(String folded) {
    for (int k = 0; k < folded.length(); k++) {
      if ("-_=*~#+ ".indexOf(folded.charAt(k)) < 0) {
        return false;
      }
    }
    return true;
  }

  /** The line without surrounding dashes, underscores, stars and spaces, and a final colon. */
  static String stripDecoration(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && "-_=* ".indexOf(s.charAt(from)) >= 0) {
      from++;
    }
    while (to > from && "-_=*: ".indexOf(s.charAt(to - 1)) >= 0) {
      to--;
    }
    return s.substring(from, to);
  }
}
