package dev.dispatchkit.portal.web;

import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.NewAttachment;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the note form asked for, checked: either the errors by field (a field's id, such as {@code
 * note-files}, to the message in the page's language), or every part ready for the commands.
 *
 * @param errors the errors; empty when the input is good
 * @param text the note
 * @param newDate the new expected date; null to keep the date
 * @param contact whom to tell of the new date; null without one
 * @param files the files to attach, none empty
 */
record NoteInput(
    Map<String, String> errors,
    String text,
    @Nullable ExpectedDate newDate,
    @Nullable ContactPerson contact,
    List<NewAttachment> files) {

  NoteInput {
    errors = Map.copyOf(errors);
    files = List.copyOf(files);
  }

  boolean isValid() {
    return errors.isEmpty();
  }
}
