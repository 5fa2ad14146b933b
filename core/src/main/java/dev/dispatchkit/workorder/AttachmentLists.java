package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The invariants tying a work order's attachments to each other and to the notes that carry them.
 */
final class AttachmentLists {

  private AttachmentLists() {}

  static boolean distinctIds(List<AttachmentRef> attachments) {
    int size = attachments.size();
    if (size < 2) {
      return true;
    }
    Set<String> seen = new HashSet<>(size * 2);
    for (int i = 0; i < size; i++) {
      if (!seen.add(attachments.get(i).id())) {
        return false;
      }
    }
    return true;
  }

  /** Whether every file a note carries is one of the work order's attachments. */
  static boolean notesCarryOwnFiles(List<Note> notes, List<AttachmentRef> attachments) {
    // Most work orders have no note with files: build the id set only when one is met.
    Set<String> ids = null;
    for (int i = 0; i < notes.size(); i++) {
      List<String> carried = notes.get(i).attachmentIds();
      if (carried.isEmpty()) {
        continue;
      }
      if (ids == null) {
        ids = new HashSet<>();
        for (AttachmentRef a : attachments) {
          ids.add(a.id());
        }
      }
      if (!ids.containsAll(carried)) {
        return false;
      }
    }
    return true;
  }

  /** Refuses a note that would carry a file the work order does not have. */
  static void requireCarried(
      TrackingNumber tn, List<AttachmentRef> attachments, List<String> carried) {
    for (String id : carried) {
      if (attachments.stream().noneMatch(a -> a.id().equals(id))) {
        throw new ValidationException(
            "AddNote", "work order " + tn + " has no attachment " + id + " to carry");
      }
    }
  }
}
