package dev.dispatchkit.reply;

import dev.dispatchkit.reply.Vocabulary.WordList;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.Money;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Step 5 of the reply policy: reads the new text. Greetings are skipped, a closing line ends the
 * text, and the first meaningful line must open with a decision word that is neither negated,
 * questioned, part of another word, nor contradicted by the opposite word opening a sentence, a
 * clause or a line.
 */
final class ReplyReader {

  /**
   * What the new text says.
   *
   * @param reason the rule that decided
   * @param note the text after the decision word; empty when none or courtesy only
   * @param languages the languages of the decision word (several for "ok")
   * @param declineReason for DECLINE: the named reason, OTHER with a note, else null
   * @param nteAmount for an NTE increase: the amount asked for, else null
   */
  record Reading(
      ReplyReason reason,
      String note,
      Set<String> languages,
      @Nullable DeclineReason declineReason,
      @Nullable Money nteAmount) {

    Reading(
        ReplyReason reason,
        String note,
        Set<String> languages,
        @Nullable DeclineReason declineReason) {
      this(reason, note, languages, declineReason, null);
    }
  }

  private static final List<WordList> REASON_LISTS =
      List.of(
          WordList.REASON_CANT_MAKE_DATE,
          WordList.REASON_TRADE_NOT_SERVICED,
          WordList.REASON_LOCATION_NOT_SERVICED,
          WordList.REASON_NTE_TOO_LOW);

  private static final List<DeclineReason> REASONS =
      List.of(
          DeclineReason.CANT_MAKE_DATE,
          DeclineReason.TRADE_NOT_SERVICED,
          DeclineReason.LOCATION_NOT_SERVICED,
          DeclineReason.NTE_TOO_LOW);

  /** Characters that end a sentence or a clause, after which a decision word opens one. */
  private static final String OPENERS = ".!?;:/|,\n()[]";

  private final Lexicon lexicon;
  private final ReplyTrimmer trimmer;

  ReplyReader(Lexicon lexicon, ReplyTrimmer trimmer) {
    this.lexicon = lexicon;
    this.trimmer = trimmer;
  }

  /**
   * Reads the new text.
   *
   * @param newText the new text, quote and signature removed
   * @param currency the work order's currency, assumed for an NTE amount that names none; null when
   *     unknown
   */
  Reading read(String newText, @Nullable Currency currency) {
    List<String> lines = ReplyTrimmer.splitLines(newText);
    List<Folded> folded = new ArrayList<>(lines.size());
    int end = lines.size();
    for (int i = 0; i < lines.size(); i++) {
      Folded f = Folded.of(lines.get(i));
      if (isClosing(f.text())) {
        end = i;
        break;
      }
      folded.add(f);
    }
    int first = -1;
    for (int i = 0; i < end; i++) {
      String core = stripPunctuation(folded.get(i).text());
      if (!core.isEmpty()
          && !trimmer.isGreetingOnly(Lexicon.collapseSpaces(folded.get(i).text()).strip())) {
        first = i;
        break;
      }
    }
    if (first < 0) {
      return new Reading(ReplyReason.EMPTY_TEXT, "", Set.of(), null);
    }
    Folded line = folded.get(first);
    String text = line.text();
    int pos = skipGreeting(text, skipNonWord(text, 0));

    Lexicon.Entry nte = lexicon.match(WordList.NTE_INCREASE, text, pos);
    if (nte != null) {
      String after =
          lines.get(first).substring(line.originOf(Lexicon.matchEnd(nte.phrase(), text, pos)));
      NteAmounts.Read amount = NteAmounts.read(after, currency);
      if (amount == null) {
        return unclear(ReplyReason.NTE_AMOUNT_UNCLEAR);
      }
      StringBuilder reason = new StringBuilder(amount.rest());
      for (int i = first + 1; i < end; i++) {
        reason.append('\n').append(lines.get(i));
      }
      return new Reading(
          ReplyReason.NTE_INCREASE_PHRASE,
          cleanNote(reason.toString()),
          Set.of(nte.language()),
          null,
          amount.amount());
    }

    if (lexicon.match(WordList.NOT_A_DECISION, text, pos) != null) {
      return unclear(ReplyReason.NEGATED);
    }
    int afterNegation = lexicon.matchLength(WordList.NEGATION, text, pos);
    if (afterNegation >= 0 && decisionAt(text, skipSpaces(text, afterNegation)) != null) {
      return unclear(ReplyReason.NEGATED);
    }
    Lexicon.Entry accept = lexicon.match(WordList.ACCEPT, text, pos);
    Lexicon.Entry decline = lexicon.match(WordList.DECLINE, text, pos);
    if (accept == null && decline == null) {
      return unclear(
          partOfWord(text, pos) ? ReplyReason.PART_OF_WORD : ReplyReason.NO_DECISION_WORD);
    }
    boolean accepts;
    Lexicon.Entry word;
    if (accept != null && decline != null) {
      if (accept.phrase().length() == decline.phrase().length()) {
        return unclear(ReplyReason.CONFLICTING_WORDS);
      }
      accepts = accept.phrase().length() > decline.phrase().length();
    } else {
      accepts = accept != null;
    }
    word = accepts ? accept : decline;
    int wordEnd = Lexicon.matchEnd(word.phrase(), text, pos);
    if (questioned(text, wordEnd)) {
      return unclear(ReplyReason.QUESTIONED);
    }
    WordList opposite = accepts ? WordList.DECLINE : WordList.ACCEPT;
    WordList same = accepts ? WordList.ACCEPT : WordList.DECLINE;
    for (int i = first; i < end; i++) {
      String t = folded.get(i).text();
      int from = i == first ? wordEnd : 0;
      if (contradicts(t, from, opposite, same)) {
        return unclear(ReplyReason.CONFLICTING_WORDS);
      }
    }

    StringBuilder note = new StringBuilder(lines.get(first).substring(line.originOf(wordEnd)));
    for (int i = first + 1; i < end; i++) {
      note.append('\n').append(lines.get(i));
    }
    String noteText = cleanNote(note.toString());
    Set<String> languages = new LinkedHashSet<>();
    for (Lexicon.Entry entry : lexicon.entries(same)) {
      if (entry.phrase().equals(word.phrase())) {
        languages.add(entry.language());
      }
    }
    if (accepts) {
      return new Reading(ReplyReason.ACCEPT_WORD, noteText, Set.copyOf(languages), null);
    }
    return new Reading(
        ReplyReason.DECLINE_WORD, noteText, Set.copyOf(languages), declineReason(noteText));
  }

  private static Reading unclear(ReplyReason reason) {
    return new Reading(reason, "", Set.of(), null);
  }

  private Lexicon.@Nullable Entry decisionAt(String text, int pos) {
    Lexicon.Entry accept = lexicon.match(WordList.ACCEPT, text, pos);
    return accept != null ? accept : lexicon.match(WordList.DECLINE, text, pos);
  }

  /** A decision word that runs on into a longer word: "Okay-ish", "Nonobstant", "Nothing". */
  private boolean partOfWord(String text, int pos) {
    for (WordList list : List.of(WordList.ACCEPT, WordList.DECLINE)) {
      for (Lexicon.Entry entry : lexicon.entries(list)) {
        if (Lexicon.matchEnd(entry.phrase(), text, pos) >= 0) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether the sentence that the decision word opens ends with a question mark. */
  private static boolean questioned(String text, int from) {
    for (int k = from; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c == '?') {
        return true;
      }
      if (c == '.' || c == '!') {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether, from {@code from} on, the opposite decision word (or a negated same word) opens a
   * line, a sentence or a clause; idioms such as "no problem" do not count.
   */
  private boolean contradicts(String text, int from, WordList opposite, WordList same) {
    // Right after the decision word counts as an opening too: "Oui non" is no answer.
    boolean opening = true;
    for (int k = from; k < text.length(); k++) {
      char c = text.charAt(k);
      if (OPENERS.indexOf(c) >= 0) {
        opening = true;
        continue;
      }
      if (c == ' ' || c == '-' || c == '*' || c == '"' || c == '\'') {
        continue;
      }
      if (opening && Lexicon.isStart(text, k)) {
        int afterConjunction = lexicon.matchLength(WordList.CONJUNCTION, text, k);
        int at = afterConjunction >= 0 ? skipSpaces(text, afterConjunction) : k;
        if (contradictsAt(text, at, opposite, same)
            || (at != k && contradictsAt(text, k, opposite, same))) {
          return true;
        }
      } else if (Lexicon.isStart(text, k)) {
        int afterConjunction = lexicon.matchLength(WordList.CONJUNCTION, text, k);
        if (afterConjunction >= 0
            && contradictsAt(text, skipSpaces(text, afterConjunction), opposite, same)) {
          return true;
        }
      }
      opening = false;
    }
    return false;
  }

  private boolean contradictsAt(String text, int at, WordList opposite, WordList same) {
    if (lexicon.match(WordList.NOT_A_DECISION, text, at) != null) {
      return false;
    }
    if (lexicon.match(opposite, text, at) != null) {
      return true;
    }
    int afterNegation = lexicon.matchLength(WordList.NEGATION, text, at);
    return afterNegation >= 0 && lexicon.match(same, text, skipSpaces(text, afterNegation)) != null;
  }

  /** Skips a greeting that opens the line: "Bonjour, OK", "Bonjour Marie, OK", "Hi team - OK". */
  private int skipGreeting(String text, int pos) {
    int end = lexicon.matchLength(WordList.GREETING, text, pos);
    if (end < 0) {
      return pos;
    }
    int k = skipSpaces(text, end);
    if (k < text.length() && ",!.;:-".indexOf(text.charAt(k)) >= 0) {
      return skipNonWord(text, k);
    }
    if (decisionAt(text, k) != null) {
      return k;
    }
    // A name of up to three words, then a comma: "Bonjour Marie Claire, OK".
    int words = 0;
    int j = k;
    while (j < text.length() && words < 3) {
      while (j < text.length() && (Character.isLetter(text.charAt(j)) || text.charAt(j) == '-')) {
        j++;
      }
      words++;
      if (j < text.length() && text.charAt(j) == ',') {
        return skipNonWord(text, j);
      }
      if (j >= text.length() || text.charAt(j) != ' ') {
        break;
      }
      j = skipSpaces(text, j);
    }
    return k;
  }

  private boolean isClosing(String folded) {
    String core = Lexicon.collapseSpaces(stripPunctuation(folded));
    if (core.isEmpty()) {
      return false;
    }
    for (Lexicon.Entry entry : lexicon.entries(WordList.CLOSING)) {
      if (core.equals(entry.phrase())) {
        return true;
      }
    }
    return false;
  }

  /** The note without leading punctuation and surrounding space; empty when courtesy only. */
  private String cleanNote(String raw) {
    int from = 0;
    while (from < raw.length()) {
      char c = raw.charAt(from);
      if (Character.isLetterOrDigit(c) || c == '#' || c == '(' || c == '"' || c == '\u00ab') {
        break;
      }
      from++;
    }
    String note = raw.substring(from).strip();
    String folded = Folded.fold(note);
    int k = skipNonWord(folded, 0);
    while (k < folded.length()) {
      int end = lexicon.matchLength(WordList.COURTESY, folded, k);
      if (end < 0) {
        return note;
      }
      k = skipNonWord(folded, end);
    }
    return "";
  }

  private @Nullable DeclineReason declineReason(String note) {
    if (note.isEmpty()) {
      return null;
    }
    String folded = Lexicon.collapseSpaces(Folded.fold(note));
    for (int i = 0; i < REASON_LISTS.size(); i++) {
      if (lexicon.containsAny(REASON_LISTS.get(i), folded)) {
        return REASONS.get(i);
      }
    }
    return DeclineReason.OTHER;
  }

  static String stripPunctuation(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && !Character.isLetterOrDigit(s.charAt(from))) {
      from++;
    }
    while (to > from && !Character.isLetterOrDigit(s.charAt(to - 1))) {
      to--;
    }
    return s.substring(from, to);
  }

  private static int skipNonWord(String text, int from) {
    int k = from;
    while (k < text.length() && !Character.isLetterOrDigit(text.charAt(k))) {
      k++;
    }
    return k;
  }

  private static int skipSpaces(String text, int from) {
    int k = from;
    while (k < text.length() && text.charAt(k) == ' ') {
      k++;
    }
    return k;
  }
}
