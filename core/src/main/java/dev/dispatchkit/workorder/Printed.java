package dev.dispatchkit.workorder;

import dev.dispatchkit.workorder.WorkOrderEvent.AttachmentAdded;
import dev.dispatchkit.workorder.WorkOrderEvent.Cancelled;
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
import java.time.format.DateTimeFormatter;

/**
 * The short forms that {@link WorkOrder} and the {@link WorkOrderEvent}s print: one line a person
 * reads in a log, instead of a record dump with every nested record. Never used for storage.
 */
final class Printed {

  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");
  private static final int MAX_TEXT = 40;

  private Printed() {}

  /** {@code WorkOrder[#100201 acme/acme-plumbing OPEN, expected 2026-03-03T10:00 Europe/Paris]}. */
  static String of(WorkOrder o) {
    return "WorkOrder[#"
        + o.trackingNumber()
        + " "
        + o.subscriber()
        + "/"
        + o.provider()
        + " "
        + o.status()
        + ", expected "
        + date(o.expectedDate())
        + ", v"
        + o.version()
        + "]";
  }

  /** {@code Accepted[#100201 v3 at 2026-03-02T09:00:00Z]}, with the event's own details. */
  static String of(WorkOrderEvent e) {
    String details = details(e);
    return e.getClass().getSimpleName()
        + "[#"
        + e.trackingNumber()
        + " v"
        + e.version()
        + " at "
        + e.at()
        + (details.isEmpty() ? "" : ", " + details)
        + "]";
  }

  private static String details(WorkOrderEvent e) {
    if (e instanceof Dispatched d) {
      return d.subscriber()
          + "/"
          + d.provider()
          + " "
          + d.priority()
          + ", NTE "
          + d.nte()
          + ", expected "
          + date(d.expectedDate());
    } else if (e instanceof Declined d) {
      return (d.reason() == null ? "no reason" : d.reason().name()) + text(d.text());
    } else if (e instanceof Reassigned r) {
      return r.previousProvider() + " -> " + r.provider();
    } else if (e instanceof ExpectedDateChanged c) {
      return date(c.previousDate())
          + " -> "
          + date(c.newDate())
          + ", reschedule "
          + c.rescheduleCount()
          + text(c.note());
    } else if (e instanceof NoteAdded n) {
      return n.note().author() + text(n.note().text());
    } else if (e instanceof AttachmentAdded a) {
      return a.attachment().fileName() + " (" + a.attachment().contentType() + ")";
    } else if (e instanceof DispatchMessageRecorded m) {
      return m.messageId();
    } else if (e instanceof ProgressUpdated p) {
      return p.update().name();
    } else if (e instanceof Cancelled c) {
      return c.reason() == null ? "" : text(c.reason()).substring(1);
    } else if (e instanceof NteIncreaseRequested r) {
      return "requested " + r.requested() + text(r.reason());
    } else if (e instanceof NteIncreaseApproved a) {
      return a.previousNte() + " -> " + a.nte();
    } else if (e instanceof NteIncreaseRejected r) {
      return "requested " + r.requested() + text(r.comment());
    }
    return "";
  }

  /** {@code 2026-03-03T10:00 Europe/Paris}. */
  private static String date(ExpectedDate date) {
    return LOCAL.format(date.localDateTime()) + " " + date.zone();
  }

  /** {@code "the text..."}, clipped and on one line; empty for null. */
  private static String text(@org.jspecify.annotations.Nullable String text) {
    if (text == null) {
      return "";
    }
    String line = text.strip().replaceAll("\\s+", " ");
    return " \"" + (line.length() > MAX_TEXT ? line.substring(0, MAX_TEXT) + "..." : line) + "\"";
  }
}
