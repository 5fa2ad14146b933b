package dev.dispatchkit.reply;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The lines of a body, folded and classified on first use, in order: everything below the cut (the
 * quoted original, often most of the body) is never folded.
 */
final class LineScan {

  /** What a line is, once folded. */
  enum Kind {
    BLANK,
    TEXT,
    QUOTE
  }

  private final List<String> lines;
  private final ReplyHeaders headers;
  private final String[] folded;
  private final Kind[] kinds;
  private final boolean[] fenced;
  private final ReplyTrimmer.@Nullable Work work;
  private int ready;
  private boolean inFence;

  LineScan(List<String> lines, ReplyHeaders headers, ReplyTrimmer.@Nullable Work work) {
    this.lines = lines;
    this.headers = headers;
    this.folded = new String[lines.size()];
    this.kinds = new Kind[lines.size()];
    this.fenced = new boolean[lines.size()];
    this.work = work;
  }

  int size() {
    return lines.size();
  }

  String folded(int i) {
    read(i);
    return folded[i];
  }

  Kind kind(int i) {
    read(i);
    return kinds[i];
  }

  boolean fenced(int i) {
    read(i);
    return fenced[i];
  }

  /** A header line that belongs to the quote block below it. */
  void markQuote(int i) {
    read(i);
    kinds[i] = Kind.QUOTE;
  }

  int nextNonBlank(int from) {
    for (int i = from; i < size(); i++) {
      if (kind(i) != Kind.BLANK) {
        return i;
      }
    }
    return -1;
  }

  private void read(int i) {
    if (work != null) {
      work.lineReads++;
    }
    while (ready <= i) {
      fold(ready++);
    }
  }

  private void fold(int i) {
    if (work != null) {
      work.linesFolded++;
    }
    String line = lines.get(i);
    String f = Lexicon.collapseSpaces(Folded.fold(line)).strip();
    folded[i] = f;
    if (f.startsWith("```")) {
      inFence = !inFence;
      fenced[i] = true;
    }
    fenced[i] |= inFence;
    if (f.isEmpty()) {
      kinds[i] = Kind.BLANK;
    } else if (isQuoteLine(line) && !headers.isHeaderTail(f)) {
      kinds[i] = Kind.QUOTE;
    } else {
      kinds[i] = Kind.TEXT;
    }
  }

  private static boolean isQuoteLine(String line) {
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '>') {
        return true;
      }
      if (c != ' ' && c != '\t' && !Folded.isInvisible(c)) {
        return false;
      }
    }
    return false;
  }
}
