package dev.dispatchkit.reply;

import dev.dispatchkit.reply.Vocabulary.WordList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Vocabulary} folded once for matching: every phrase in {@link Folded} form, longest
 * first, so that matching at a position picks the longest phrase ("je refuse" before "je").
 */
final class Lexicon {

  /** A folded phrase and the language it came from. */
  record Entry(String phrase, String language) {}

  private final Map<WordList, List<Entry>> all = new EnumMap<>(WordList.class);
  private final Map<WordList, FirstChar> byFirstChar = new EnumMap<>(WordList.class);
  private final Map<WordList, Map<String, List<String>>> byLanguage = new EnumMap<>(WordList.class);

  Lexicon(Vocabulary vocabulary) {
    for (WordList list : WordList.values()) {
      List<Entry> entries = new ArrayList<>();
      Map<String, List<String>> languages = new LinkedHashMap<>();
      vocabulary
          .words(list)
          .forEach(
              (language, words) -> {
                List<String> folded = new ArrayList<>();
                for (String word : words) {
                  String f = collapseSpaces(Folded.fold(word)).strip();
                  if (!f.isEmpty()) {
                    entries.add(new Entry(f, language));
                    folded.add(f);
                  }
                }
                languages.put(language, List.copyOf(folded));
              });
      entries.sort(Comparator.comparingInt((Entry e) -> e.phrase().length()).reversed());
      all.put(list, List.copyOf(entries));
      byFirstChar.put(list, new FirstChar(entries));
      byLanguage.put(list, languages);
    }
  }

  /** Every phrase of a list, longest first. */
  List<Entry> entries(WordList list) {
    return all.get(list);
  }

  /** The folded phrases of a list in one language, in vocabulary order (weekdays, months). */
  List<String> phrases(WordList list, String language) {
    return byLanguage.get(list).getOrDefault(language, List.of());
  }

  /**
   * The longest phrase of {@code list} that stands at {@code pos} of folded {@code text} as whole
   * words; null when none does.
   */
  @Nullable Entry match(WordList list, String text, int pos) {
    if (pos >= text.length()) {
      return null;
    }
    for (Entry entry : byFirstChar.get(list).candidates(text.charAt(pos))) {
      int end = matchEnd(entry.phrase(), text, pos);
      if (end >= 0 && isBoundary(text, end, entry.phrase())) {
        return entry;
      }
    }
    return null;
  }

  /** Like {@link #match} but returns the end index of the match in {@code text}, or -1. */
  int matchLength(WordList list, String text, int pos) {
    if (pos >= text.length()) {
      return -1;
    }
    for (Entry entry : byFirstChar.get(list).candidates(text.charAt(pos))) {
      int end = matchEnd(entry.phrase(), text, pos);
      if (end >= 0 && isBoundary(text, end, entry.phrase())) {
        return end;
      }
    }
    return -1;
  }

  /**
   * Whether any phrase of {@code list} occurs in {@code text} as whole words. One pass over the
   * text, trying at each word start only the phrases that begin with its character.
   */
  boolean containsAny(WordList list, String text) {
    FirstChar index = byFirstChar.get(list);
    for (int pos = 0; pos < text.length(); pos++) {
      if (!isStart(text, pos)) {
        continue;
      }
      for (Entry entry : index.candidates(text.charAt(pos))) {
        int end = matchEnd(entry.phrase(), text, pos);
        if (end >= 0 && isBoundary(text, end, entry.phrase())) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether {@code phrase} occurs in {@code text} as whole words. */
  static boolean containsWords(String text, String phrase) {
    int from = 0;
    while (from <= text.length()) {
      int at = text.indexOf(firstWord(phrase), from);
      if (at < 0) {
        return false;
      }
      if (isStart(text, at)) {
        int end = matchEnd(phrase, text, at);
        if (end >= 0 && isBoundary(text, end, phrase)) {
          return true;
        }
      }
      from = at + 1;
    }
    return false;
  }

  private static String firstWord(String phrase) {
    int space = phrase.indexOf(' ');
    return space < 0 ? phrase : phrase.substring(0, space);
  }

  /**
   * Where {@code phrase} ends when it stands at {@code pos} of {@code text}, a space in the phrase
   * matching one or more spaces; -1 when it does not stand there.
   */
  static int matchEnd(String phrase, String text, int pos) {
    int t = pos;
    for (int p = 0; p < phrase.length(); p++) {
      char c = phrase.charAt(p);
      if (c == ' ') {
        if (t >= text.length() || text.charAt(t) != ' ') {
          return -1;
        }
        while (t < text.length() && text.charAt(t) == ' ') {
          t++;
        }
      } else {
        if (t >= text.length() || text.charAt(t) != c) {
          return -1;
        }
        t++;
      }
    }
    return t;
  }

  /** Whether a word may start at {@code pos}: the character before is not part of a word. */
  static boolean isStart(String text, int pos) {
    return pos == 0 || !isWordChar(text.charAt(pos - 1));
  }

  /**
   * Whether a phrase ending at {@code end} ends a word there. A phrase ending in punctuation
   * ("auto:", "o.k.") always does; otherwise the next character must not continue the word, and a
   * hyphen or apostrophe followed by a letter continues it ("okay-ish", "non-urgent").
   */
  static boolean isBoundary(String text, int end, String phrase) {
    if (!phrase.isEmpty() && !isWordChar(phrase.charAt(phrase.length() - 1))) {
      return true;
    }
    if (end >= text.length()) {
      return true;
    }
    char next = text.charAt(end);
    if (isWordChar(next)) {
      return false;
    }
    if ((next == '-' || next == '\'') && end + 1 < text.length()) {
      return !isWordChar(text.charAt(end + 1));
    }
    return true;
  }

  static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c);
  }

  /**
   * The phrases of a list grouped by their first character, each group longest first: matching at a
   * position tries only the few phrases that can stand there.
   */
  private static final class FirstChar {
    private static final Entry[] NONE = new Entry[0];

    private final Entry[][] ascii = new Entry[128][];
    private final Map<Character, Entry[]> other = new HashMap<>();

    FirstChar(List<Entry> longestFirst) {
      Map<Character, List<Entry>> groups = new LinkedHashMap<>();
      for (Entry entry : longestFirst) {
        groups.computeIfAbsent(entry.phrase().charAt(0), c -> new ArrayList<>()).add(entry);
      }
      groups.forEach(
          (c, entries) -> {
            Entry[] group = entries.toArray(NONE);
            if (c < 128) {
              ascii[c] = group;
            } else {
              other.put(c, group);
            }
          });
    }

    Entry[] candidates(char c) {
      Entry[] group = c < 128 ? ascii[c] : other.get(c);
      return group == null ? NONE : group;
    }
  }

  /** The phrases of {@code list} that begin with {@code c}, longest first. */
  Entry[] startingWith(WordList list, char c) {
    return byFirstChar.get(list).candidates(c);
  }

  /** Runs of spaces as one space. */
  static String collapseSpaces(String s) {
    if (!needsCollapse(s)) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    boolean space = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ' ' || c == '\t') {
        if (!space) {
          out.append(' ');
        }
        space = true;
      } else {
        out.append(c);
        space = false;
      }
    }
    return out.toString();
  }

  private static boolean needsCollapse(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\t' || (c == ' ' && i + 1 < s.length() && s.charAt(i + 1) == ' ')) {
        return true;
      }
    }
    return false;
  }
}
