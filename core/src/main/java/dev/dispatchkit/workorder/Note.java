package dev.dispatchkit.workorder;

import java.time.Instant;
import java.util.Objects;

/**
 * A note on a work order's timeline.
 *
 * @param text the text; several lines allowed, at most {@value #MAX_TEXT} characters
 * @param author who wrote it
 * @param at when it was written
 */
public record Note(String text, NoteAuthor author, Instant at) {

  /** The longest note accepted. */
  public static final int MAX_TEXT = 10_000;

  /**
   * @throws dev.dispatchkit.error.ValidationException if the text is blank, too long or holds
   *     control characters other than line breaks and tabs
   */
  public Note {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(at, "at");
    Texts.check("Note").paragraphs("text", text, MAX_TEXT, false).orThrow();
  }
}
