package dev.dispatchkit.portal.web;

import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * An order's timeline in words, newest first. The bookkeeping of the service request's Message-ID
 * is left out: it is no news to a person.
 */
@Component
final class Timelines {

  private final MessageSource messages;
  private final Formats formats;
  private final Parties parties;

  Timelines(MessageSource messages, Formats formats, Parties parties) {
    this.messages = messages;
    this.formats = formats;
    this.parties = parties;
  }

  List<TimelineEntry> of(WorkOrder order, List<WorkOrderEvent> events, Locale locale) {
    List<TimelineEntry> entries = new ArrayList<>();
    for (WorkOrderEvent event : events) {
      if (event instanceof WorkOrderEvent.DispatchMessageRecorded) {
        continue;
      }
      String kind = event.kind().name();
      String title = text("event." + kind, locale, args(order, event, locale));
      entries.add(new TimelineEntry(event.at(), kind, title, detail(event)));
    }
    Collections.reverse(entries);
    return entries;
  }

  private Object[] args(WorkOrder order, WorkOrderEvent event, Locale locale) {
    if (event instanceof WorkOrderEvent.Dispatched e) {
      return new Object[] {parties.provider(e.provider())};
    } else if (event instanceof WorkOrderEvent.Reassigned e) {
      return new Object[] {parties.provider(e.previousProvider()), parties.provider(e.provider())};
    } else if (event instanceof WorkOrderEvent.ExpectedDateChanged e) {
      return new Object[] {
        formats.date(e.newDate(), locale), e.contactToNotify().name(), e.contactToNotify().email()
      };
    } else if (event instanceof WorkOrderEvent.NoteAdded e) {
      return new Object[] {text("author." + e.note().author().name(), locale)};
    } else if (event instanceof WorkOrderEvent.AttachmentAdded e) {
      return new Object[] {e.attachment().fileName()};
    } else if (event instanceof WorkOrderEvent.NteIncreaseRequested e) {
      return new Object[] {formats.nte(e.requested(), locale)};
    } else if (event instanceof WorkOrderEvent.NteIncreaseApproved e) {
      return new Object[] {formats.nte(e.previousNte(), locale), formats.nte(e.nte(), locale)};
    } else if (event instanceof WorkOrderEvent.NteIncreaseRejected e) {
      return new Object[] {formats.nte(e.requested(), locale)};
    }
    return new Object[0];
  }

  private static String detail(WorkOrderEvent event) {
    String detail = null;
    if (event instanceof WorkOrderEvent.Declined e) {
      detail = e.text();
    } else if (event instanceof WorkOrderEvent.ExpectedDateChanged e) {
      detail = e.note();
    } else if (event instanceof WorkOrderEvent.NoteAdded e) {
      detail = e.note().text();
    } else if (event instanceof WorkOrderEvent.NteIncreaseRequested e) {
      detail = e.reason();
    } else if (event instanceof WorkOrderEvent.NteIncreaseApproved e) {
      detail = e.comment();
    } else if (event instanceof WorkOrderEvent.NteIncreaseRejected e) {
      detail = e.comment();
    } else if (event instanceof WorkOrderEvent.CompletionRejected e) {
      detail = e.reason();
    } else if (event instanceof WorkOrderEvent.Cancelled e) {
      detail = e.reason();
    }
    return detail == null ? "" : detail;
  }

  private String text(String key, Locale locale, Object... args) {
    return messages.getMessage(key, args, key, locale);
  }
}
