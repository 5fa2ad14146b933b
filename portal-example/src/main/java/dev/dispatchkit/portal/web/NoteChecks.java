package dev.dispatchkit.portal.web;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.portal.PortalProperties;
import dev.dispatchkit.spring.boot.DispatchKitProperties;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.CommandKind;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.NewAttachment;
import dev.dispatchkit.workorder.Note;
import dev.dispatchkit.workorder.WorkOrder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * Checks the note form before any command runs, so that a bad field stores nothing: the text, the
 * new date (a real local time at the site, in the future, not the current one), the contact (one of
 * the order's), and the files (at most {@value Note#MAX_ATTACHMENTS}, each within the size limit,
 * of an accepted type whose first bytes fit it).
 */
@Component
final class NoteChecks {

  private final MessageSource messages;
  private final Clock clock;
  private final DataSize maxFileSize;
  private final Set<String> contentTypes;

  NoteChecks(
      MessageSource messages,
      Clock clock,
      PortalProperties portal,
      DispatchKitProperties dispatchKit) {
    this.messages = messages;
    this.clock = clock;
    this.maxFileSize = portal.upload().maxFileSize();
    this.contentTypes =
        dispatchKit.getAttachments().getContentTypes().stream()
            .map(t -> t.strip().toLowerCase(Locale.ROOT))
            .collect(Collectors.toUnmodifiableSet());
  }

  /** The largest file accepted, for the form's hint, such as "10 Mo". */
  String maxFileSizeText(Locale locale) {
    return size(maxFileSize, locale);
  }

  NoteInput check(
      WorkOrder order,
      Set<CommandKind> allowed,
      String text,
      String expectedDate,
      String contactEmail,
      List<MultipartFile> uploads,
      Locale locale) {
    Map<String, String> errors = new LinkedHashMap<>();
    String note = text.strip();
    if (note.isEmpty()) {
      errors.put("note-text", message("error.note.text.blank", locale));
    } else if (note.length() > Note.MAX_TEXT) {
      errors.put("note-text", message("error.note.text.long", locale, Note.MAX_TEXT));
    }
    ExpectedDate newDate = null;
    ContactPerson contact = null;
    if (!expectedDate.isBlank()) {
      newDate = newDate(order, allowed, expectedDate.strip(), errors, locale);
      contact =
          order.contacts().stream()
              .filter(c -> c.email().equalsIgnoreCase(contactEmail.strip()))
              .findFirst()
              .orElse(null);
      if (contact == null) {
        errors.put("note-contact", message("error.note.contact", locale));
      }
    }
    List<NewAttachment> files = files(uploads, errors, locale);
    return new NoteInput(errors, note, newDate, contact, files);
  }

  private @Nullable ExpectedDate newDate(
      WorkOrder order,
      Set<CommandKind> allowed,
      String value,
      Map<String, String> errors,
      Locale locale) {
    if (!allowed.contains(CommandKind.CHANGE_EXPECTED_DATE)) {
      errors.put("note-expected-date", message("error.note.date.notAllowed", locale));
      return null;
    }
    LocalDateTime local;
    try {
      // datetime-local sends "2026-12-05T10:30", or with seconds when a browser adds them.
      local = LocalDateTime.parse(value).truncatedTo(ChronoUnit.MINUTES);
    } catch (DateTimeParseException e) {
      errors.put("note-expected-date", message("error.note.date.invalid", locale));
      return null;
    }
    ExpectedDate date;
    try {
      date = ExpectedDate.of(local, order.site().zone());
    } catch (ValidationException e) {
      // A local time that the clocks skip or show twice at the site (daylight saving).
      errors.put("note-expected-date", message("error.note.date.dst", locale));
      return null;
    }
    if (!date.instant().isAfter(clock.instant())) {
      errors.put("note-expected-date", message("error.note.date.past", locale));
      return null;
    }
    if (date.instant().equals(order.expectedDate().instant())) {
      errors.put("note-expected-date", message("error.note.date.unchanged", locale));
      return null;
    }
    return date;
  }

  private List<NewAttachment> files(
      List<MultipartFile> uploads, Map<String, String> errors, Locale locale) {
    // A file input left empty still sends one part, without name or bytes.
    List<MultipartFile> chosen =
        uploads.stream().filter(f -> !f.isEmpty() || !isBlank(f.getOriginalFilename())).toList();
    if (chosen.size() > Note.MAX_ATTACHMENTS) {
      errors.put("note-files", message("error.note.files.tooMany", locale, Note.MAX_ATTACHMENTS));
      return List.of();
    }
    List<NewAttachment> files = new ArrayList<>();
    for (MultipartFile upload : chosen) {
      String name =
          AttachmentRef.safeFileName(
              isBlank(upload.getOriginalFilename()) ? "" : upload.getOriginalFilename());
      String type = mediaType(upload.getContentType());
      if (upload.getSize() > maxFileSize.toBytes()) {
        errors.put(
            "note-files",
            message("error.note.files.tooLarge", locale, name, size(maxFileSize, locale)));
        return List.of();
      }
      if (upload.isEmpty()) {
        errors.put("note-files", message("error.note.files.empty", locale, name));
        return List.of();
      }
      if (!contentTypes.contains(type) || !fitsSignature(upload, type)) {
        errors.put("note-files", message("error.note.files.type", locale, name));
        return List.of();
      }
      files.add(new NewAttachment(name, type, upload::getInputStream));
    }
    return files;
  }

  private static boolean isBlank(@Nullable String name) {
    return name == null || name.isBlank();
  }

  private static boolean fitsSignature(MultipartFile upload, String type) {
    try (InputStream in = upload.getInputStream()) {
      return FileSignatures.fits(type, in.readNBytes(FileSignatures.PREFIX));
    } catch (IOException e) {
      return false;
    }
  }

  private static String mediaType(@Nullable String declared) {
    if (declared == null) {
      return "application/octet-stream";
    }
    int semicolon = declared.indexOf(';');
    String type = semicolon < 0 ? declared : declared.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }

  private String size(DataSize size, Locale locale) {
    long bytes = size.toBytes();
    return bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0
        ? message("unit.mb", locale, bytes / (1024 * 1024))
        : message("unit.kb", locale, Math.max(1, bytes / 1024));
  }

  private String message(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, locale);
  }
}
