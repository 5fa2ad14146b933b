package dev.dispatchkit.workorder;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * A note on a work order's timeline.
 *
 * @param text the text; several lines allowed, at most {@value #MAX_TEXT} characters
 * @param author who wrote it
 * @param at when it was written
 * @param attachmentIds the ids of the work order's attachments sent with this note, at most {@value
 *     #MAX_ATTACHMENTS}, none twice; empty for a note without files
 */
public record Note(String text, NoteAuthor author, Instant at, List<String> attachmentIds) {

  /** The longest note accepted. */
  public static final int MAX_TEXT = 10_000;

  /** The most files one note carries, as on the dispatch platforms providers know. */
  public static final int MAX_ATTACHMENTS = 5;

  /** A note without files. */
  public Note(String text, NoteAuthor author, Instant at) {
    this(text, author, at, List.of());
  }

  /**
   * @throws dev.dispatchkit.error.ValidationException if the text is blank, too long or holds
   *     control characters other than line breaks and tabs
   */
  public Note {
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(at, "at");
    attachmentIds = List.copyOf(attachmentIds);
    Texts check = Texts.check("Note").paragraphs("text", text, MAX_TEXT, false);
    if (attachmentIds.size() > MAX_ATTACHMENTS) {
      check.add(
          "a note carries at most " + MAX_ATTACHMENTS + " files, not " + attachmentIds.size());
    }
    check.require(
        attachmentIds.size() < 2 || new HashSet<>(attachmentIds).size() == attachmentIds.size(),
        "an attachment id is twice");
    check.orThrow();
  }
}
