package dev.dispatchkit.workorder;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The no-duplicates checks that a work order and a dispatch share. */
final class Uniqueness {

  private Uniqueness() {}

  static boolean distinctAddresses(List<ContactPerson> contacts) {
    int size = contacts.size();
    if (size < 2) {
      return true;
    }
    if (size <= 8) {
      // A contact's address is plain ASCII (ContactPerson checks it), where equalsIgnoreCase
      // means equal in lower case; a few pairs cost less than lower-casing and hashing each one.
      for (int i = 1; i < size; i++) {
        String email = contacts.get(i).email();
        for (int k = 0; k < i; k++) {
          if (email.equalsIgnoreCase(contacts.get(k).email())) {
            return false;
          }
        }
      }
      return true;
    }
    Set<String> seen = new HashSet<>(size * 2);
    for (int i = 0; i < size; i++) {
      if (!seen.add(contacts.get(i).email().toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    return true;
  }

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
}
