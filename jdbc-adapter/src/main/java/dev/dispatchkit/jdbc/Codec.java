package dev.dispatchkit.jdbc;

import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.ExtendedStatus;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.Note;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProgressUpdate;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderEvent.Accepted;
import dev.dispatchkit.workorder.WorkOrderEvent.AttachmentAdded;
import dev.dispatchkit.workorder.WorkOrderEvent.Cancelled;
import dev.dispatchkit.workorder.WorkOrderEvent.CheckedIn;
import dev.dispatchkit.workorder.WorkOrderEvent.Completed;
import dev.dispatchkit.workorder.WorkOrderEvent.Confirmed;
import dev.dispatchkit.workorder.WorkOrderEvent.Declined;
import dev.dispatchkit.workorder.WorkOrderEvent.DispatchMessageRecorded;
import dev.dispatchkit.workorder.WorkOrderEvent.Dispatched;
import dev.dispatchkit.workorder.WorkOrderEvent.ExpectedDateChanged;
import dev.dispatchkit.workorder.WorkOrderEvent.NoteAdded;
import dev.dispatchkit.workorder.WorkOrderEvent.NteIncreaseApproved;
import dev.dispatchkit.workorder.WorkOrderEvent.NteIncreaseRejected;
import dev.dispatchkit.workorder.WorkOrderEvent.NteIncreaseRequested;
import dev.dispatchkit.workorder.WorkOrderEvent.ProgressUpdated;
import dev.dispatchkit.workorder.WorkOrderEvent.Reassigned;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Hand-written codecs of the domain values kept as text: one {@code encode}/{@code decode} pair per
 * value, and one case per event type. Every payload starts with a format version so that later
 * releases can read rows written by this one.
 */
final class Codec {
  /** The format version written first in every event payload. */
  static final String EVENT_FORMAT = "1";

  private Codec() {}

  // --- lists of values
  // ----------------------------------------------------------------------------

  static String contacts(List<ContactPerson> contacts) {
    return list(contacts, Codec::contact);
  }

  static List<ContactPerson> contacts(String encoded) {
    return list(encoded, Codec::contact);
  }

  static String notes(List<Note> notes) {
    return list(
        notes,
        (w, note) ->
            w.text(note.text()).text(note.author().name()).text(InstantTexts.format(note.at())));
  }

  static List<Note> notes(String encoded) {
    return list(
        encoded,
        r ->
            new Note(
                r.text(), constant(NoteAuthor.class, NOTE_AUTHORS, r.text()), instant(r.text())));
  }

  /**
   * The files each note carries, in note order; null when no note carries any, which is how rows
   * written before the {@code note_files} column read.
   */
  static @Nullable String noteFiles(List<Note> notes) {
    if (noteFileIds(notes) == null) {
      return null;
    }
    return list(
        notes,
        (w, note) -> {
          w.number(note.attachmentIds().size());
          note.attachmentIds().forEach(w::text);
        });
  }

  /**
   * The file ids of each note, in note order, as {@link #noteFiles} encodes them; null exactly when
   * that is null (no note carries a file).
   */
  static @Nullable List<List<String>> noteFileIds(List<Note> notes) {
    for (Note note : notes) {
      if (!note.attachmentIds().isEmpty()) {
        List<List<String>> ids = new ArrayList<>(notes.size());
        for (Note n : notes) {
          ids.add(n.attachmentIds());
        }
        return ids;
      }
    }
    return null;
  }

  /** The notes of the {@code notes} column with the files of the {@code note_files} column. */
  static List<Note> notes(String encoded, @Nullable String files) {
    List<Note> notes = notes(encoded);
    if (files == null) {
      return notes;
    }
    List<List<String>> ids = list(files, Codec::strings);
    if (ids.size() != notes.size()) {
      throw new IllegalArgumentException(
          "note_files holds " + ids.size() + " entries for " + notes.size() + " notes");
    }
    List<Note> carried = new ArrayList<>(notes.size());
    for (int i = 0; i < notes.size(); i++) {
      Note n = notes.get(i);
      carried.add(new Note(n.text(), n.author(), n.at(), ids.get(i)));
    }
    return carried;
  }

  private static List<String> strings(Fields.Reader r) {
    int count = r.count();
    List<String> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(r.text());
    }
    return values;
  }

  static String attachments(List<AttachmentRef> attachments) {
    return list(attachments, Codec::attachment);
  }

  static List<AttachmentRef> attachments(String encoded) {
    return list(encoded, Codec::attachment);
  }

  static String headers(Map<String, String> headers) {
    // Sorted, so that equal maps are stored as equal text.
    return list(
        List.copyOf(new TreeMap<>(headers).entrySet()),
        (w, e) -> w.text(e.getKey()).text(e.getValue()));
  }

  static Map<String, String> headers(String encoded) {
    Fields.Reader r = new Fields.Reader(encoded);
    int count = r.count();
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      headers.put(r.text(), r.text());
    }
    r.end();
    return headers;
  }

  // --- constants

  static final Priority[] PRIORITIES = Priority.values();
  static final PrimaryStatus[] PRIMARY_STATUSES = PrimaryStatus.values();
  static final ExtendedStatus[] EXTENDED_STATUSES = ExtendedStatus.values();
  private static final NoteAuthor[] NOTE_AUTHORS = NoteAuthor.values();

  /**
   * The constant named {@code name}, as {@code valueOf} returns it, with the same exception for an
   * unknown or null name. A few constants are compared by name: {@code valueOf} hashes the name,
   * freshly read from a row, and looks it up in a map.
   */
  static <E extends Enum<E>> E constant(Class<E> type, E[] constants, @Nullable String name) {
    for (E constant : constants) {
      if (constant.name().equals(name)) {
        return constant;
      }
    }
    return Enum.valueOf(type, name);
  }

  // --- events
  // -------------------------------------------------------------------------------------

  /** The tag stored next to an event, naming its type. */
  static String tag(WorkOrderEvent event) {
    return event.getClass().getSimpleName();
  }

  static String event(WorkOrderEvent event) {
    Fields.Writer w = new Fields.Writer().text(EVENT_FORMAT).text(tag(event));
    w.text(event.trackingNumber().value())
        .number(event.version())
        .text(InstantTexts.format(event.at()));
    if (event instanceof Dispatched e) {
      w.text(e.subscriber().value()).text(e.provider().value());
      site(w, e.site());
      w.text(e.problem().trade()).text(e.problem().description()).text(e.problem().details());
      w.text(e.priority().name());
      nte(w, e.nte());
      expectedDate(w, e.expectedDate());
      w.number(e.contacts().size());
      e.contacts().forEach(c -> contact(w, c));
    } else if (event instanceof Declined e) {
      w.text(e.reason() == null ? null : e.reason().name()).text(e.text());
    } else if (event instanceof Reassigned e) {
      w.text(e.previousProvider().value()).text(e.provider().value());
    } else if (event instanceof ExpectedDateChanged e) {
      expectedDate(w, e.previousDate());
      expectedDate(w, e.newDate());
      w.text(e.note());
      contact(w, e.contactToNotify());
      w.number(e.rescheduleCount());
    } else if (event instanceof NoteAdded e) {
      w.text(e.note().text())
          .text(e.note().author().name())
          .text(InstantTexts.format(e.note().at()));
      // Payloads written before notes carried files end here: the list is written only when
      // there is one, and read when present.
      if (!e.note().attachmentIds().isEmpty()) {
        w.number(e.note().attachmentIds().size());
        e.note().attachmentIds().forEach(w::text);
      }
    } else if (event instanceof AttachmentAdded e) {
      attachment(w, e.attachment());
    } else if (event instanceof DispatchMessageRecorded e) {
      w.text(e.messageId());
    } else if (event instanceof ProgressUpdated e) {
      w.text(e.update().name());
    } else if (event instanceof Cancelled e) {
      w.text(e.reason());
    } else if (event instanceof WorkOrderEvent.CompletionRejected e) {
      w.text(e.reason());
    } else if (event instanceof NteIncreaseRequested e) {
      nte(w, e.requested());
      w.text(e.reason());
    } else if (event instanceof NteIncreaseApproved e) {
      nte(w, e.previousNte());
      nte(w, e.nte());
      if (e.comment() != null) {
        w.text(e.comment());
      }
    } else if (event instanceof NteIncreaseRejected e) {
      nte(w, e.requested());
      w.text(e.comment());
    } else if (!(event instanceof Accepted
        || event instanceof CheckedIn
        || event instanceof Completed
        || event instanceof WorkOrderEvent.DispatchUndelivered
        || event instanceof Confirmed)) {
      throw new IllegalArgumentException("no codec for " + event.getClass().getName());
    }
    return w.toString();
  }

  static WorkOrderEvent event(String encoded) {
    Fields.Reader r = new Fields.Reader(encoded);
    String format = r.text();
    if (!EVENT_FORMAT.equals(format)) {
      throw new IllegalArgumentException("unknown event format " + format);
    }
    String tag = r.text();
    TrackingNumber number = new TrackingNumber(r.text());
    long version = r.number();
    Instant at = instant(r.text());
    WorkOrderEvent event =
        switch (tag) {
          case "Dispatched" -> {
            SubscriberId subscriber = new SubscriberId(r.text());
            ProviderId provider = new ProviderId(r.text());
            Site site = site(r);
            Problem problem = new Problem(r.text(), r.text(), r.text());
            Priority priority = Priority.valueOf(r.text());
            Nte nte = nte(r);
            ExpectedDate expected = expectedDate(r);
            int count = r.count();
            List<ContactPerson> contacts = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
              contacts.add(contact(r));
            }
            yield new Dispatched(
                number,
                version,
                at,
                subscriber,
                provider,
                site,
                problem,
                priority,
                nte,
                expected,
                contacts);
          }
          case "Accepted" -> new Accepted(number, version, at);
          case "Declined" -> {
            String reason = r.nullableText();
            yield new Declined(
                number,
                version,
                at,
                reason == null ? null : DeclineReason.valueOf(reason),
                r.nullableText());
          }
          case "Reassigned" ->
              new Reassigned(
                  number, version, at, new ProviderId(r.text()), new ProviderId(r.text()));
          case "ExpectedDateChanged" ->
              new ExpectedDateChanged(
                  number,
                  version,
                  at,
                  expectedDate(r),
                  expectedDate(r),
                  r.text(),
                  contact(r),
                  Math.toIntExact(r.number()));
          case "NoteAdded" ->
              new NoteAdded(
                  number,
                  version,
                  at,
                  new Note(
                      r.text(),
                      NoteAuthor.valueOf(r.text()),
                      instant(r.text()),
                      r.atEnd() ? List.of() : strings(r)));
          case "AttachmentAdded" -> new AttachmentAdded(number, version, at, attachment(r));
          case "DispatchMessageRecorded" ->
              new DispatchMessageRecorded(number, version, at, r.text());
          case "CheckedIn" -> new CheckedIn(number, version, at);
          case "ProgressUpdated" ->
              new ProgressUpdated(number, version, at, ProgressUpdate.valueOf(r.text()));
          case "Completed" -> new Completed(number, version, at);
          case "CompletionRejected" ->
              new WorkOrderEvent.CompletionRejected(number, version, at, r.text());
          case "DispatchUndelivered" -> new WorkOrderEvent.DispatchUndelivered(number, version, at);
          case "Confirmed" -> new Confirmed(number, version, at);
          case "Cancelled" -> new Cancelled(number, version, at, r.nullableText());
          case "NteIncreaseRequested" ->
              new NteIncreaseRequested(number, version, at, nte(r), r.text());
          case "NteIncreaseApproved" ->
              new NteIncreaseApproved(
                  number, version, at, nte(r), nte(r), r.atEnd() ? null : r.text());
          case "NteIncreaseRejected" ->
              new NteIncreaseRejected(number, version, at, nte(r), r.nullableText());
          default -> throw new IllegalArgumentException("unknown event type " + tag);
        };
    r.end();
    return event;
  }

  // --- single values
  // ------------------------------------------------------------------------------

  private static void contact(Fields.Writer w, ContactPerson contact) {
    w.text(contact.name()).text(contact.email());
  }

  private static ContactPerson contact(Fields.Reader r) {
    return new ContactPerson(r.text(), r.text());
  }

  private static void attachment(Fields.Writer w, AttachmentRef a) {
    w.text(a.id()).text(a.fileName()).text(a.contentType()).number(a.size()).text(a.sha256());
  }

  private static AttachmentRef attachment(Fields.Reader r) {
    return new AttachmentRef(r.text(), r.text(), r.text(), r.number(), r.text());
  }

  private static void site(Fields.Writer w, Site site) {
    w.text(site.name()).text(site.address()).text(site.phone()).text(site.zone().getId());
  }

  private static Site site(Fields.Reader r) {
    return new Site(r.text(), r.text(), r.text(), ZoneId.of(r.text()));
  }

  private static void nte(Fields.Writer w, Nte nte) {
    w.text(nte.amount().toPlainString()).text(nte.currency().getCurrencyCode());
  }

  private static Nte nte(Fields.Reader r) {
    return new Nte(Money.of(new BigDecimal(r.text()), java.util.Currency.getInstance(r.text())));
  }

  private static void expectedDate(Fields.Writer w, ExpectedDate date) {
    w.text(date.localDateTime().toString())
        .text(date.zone().getId())
        .number(date.offset().getTotalSeconds());
  }

  private static final int MAX_CACHED_ZONES = 1_000;
  private static final ConcurrentMap<String, ZoneId> ZONES = new ConcurrentHashMap<>();

  /**
   * The zone of an id read from a row, as {@link ZoneId#of(String)} returns it. Every work order
   * read names its site's zone, and {@code ZoneId.of} looks the id up in the zone rules provider
   * each time; the ids seen are kept, up to a bound, since a database holds few distinct zones.
   */
  static ZoneId zone(String id) {
    // The same exception as ZoneId.of for a null id.
    ZoneId zone = ZONES.get(Objects.requireNonNull(id, "zoneId"));
    if (zone == null) {
      zone = ZoneId.of(id);
      if (ZONES.size() < MAX_CACHED_ZONES) {
        ZONES.putIfAbsent(id, zone);
      }
    }
    return zone;
  }

  private static ExpectedDate expectedDate(Fields.Reader r) {
    return new ExpectedDate(
        LocalDateTime.parse(r.text()),
        zone(r.text()),
        ZoneOffset.ofTotalSeconds(Math.toIntExact(r.number())));
  }

  private static <T> String list(List<T> values, BiConsumer<Fields.Writer, T> element) {
    Fields.Writer w = new Fields.Writer().number(values.size());
    values.forEach(v -> element.accept(w, v));
    return w.toString();
  }

  private static <T> List<T> list(String encoded, Function<Fields.Reader, T> element) {
    Fields.Reader r = new Fields.Reader(encoded);
    int count = r.count();
    List<T> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      values.add(element.apply(r));
    }
    r.end();
    return values;
  }

  /**
   * Reads an instant as {@link Instant#toString} wrote it. The usual shape ({@code
   * 2026-03-02T09:00:00.123456Z}: four-digit year, seconds, an optional fraction) is read directly,
   * since {@link Instant#parse} goes through a general formatter and a note list holds one instant
   * per note; anything else (other years, a leap second) goes to {@link Instant#parse}.
   */
  static Instant instant(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z'
        || (length > 20 && (text.charAt(19) != '.' || length == 21))) {
      return Instant.parse(text);
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    int hour = digits(text, 11, 13);
    int minute = digits(text, 14, 16);
    int second = digits(text, 17, 19);
    int nanos = 0;
    if (length > 20) {
      int fraction = length - 21;
      nanos = digits(text, 20, length - 1);
      for (int i = fraction; i < 9; i++) {
        nanos *= 10;
      }
    }
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || nanos < 0) {
      return Instant.parse(text);
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The decimal number in {@code text[from, to)}, or -1 when a character is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
