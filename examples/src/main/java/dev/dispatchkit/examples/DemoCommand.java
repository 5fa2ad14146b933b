package dev.dispatchkit.examples;

import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.rules.Nte;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.workorder.Change;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderEvent;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * The core flow in memory, on a fixed clock: three work orders dispatched, accepted, declined,
 * rescheduled, noted, one late, one reassigned. Until the adapters exist it stores nothing and
 * sends no mail.
 */
@Command(name = "demo", description = "Runs the DispatchKit work-order flow in memory.")
final class DemoCommand implements Callable<Integer> {

  private static final ZoneId LYON = ZoneId.of("Europe/Paris");
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT).withZone(LYON);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE dd MMM HH:mm", Locale.ROOT);
  private static final String ROW = "%-10s %-7s %-62s %s%n";

  private final PrintStream out = System.out;
  private final Map<TrackingNumber, WorkOrder> orders = new LinkedHashMap<>();
  private final ContactPerson alice = new ContactPerson("Alice Martin", "alice@client.example");
  private Instant now = LocalDateTime.of(2026, 3, 2, 8, 0).atZone(LYON).toInstant();

  @Override
  public Integer call() {
    out.println("DispatchKit demo: the work-order flow in memory, clock fixed at Lyon time.");
    out.println();
    out.printf(Locale.ROOT, ROW, "time", "order", "what happened", "status");
    out.printf(Locale.ROOT, ROW, "----", "-----", "-------------", "------");

    dispatch("100201", Priority.URGENT, "Leak under the sink", "PLUMBING", 2, 14, 0);
    dispatch("100202", Priority.NON_URGENT, "No heating in the office", "HVAC", 3, 9, 0);
    dispatch("100203", Priority.NON_URGENT, "Car park lights out", "ELECTRICAL", 2, 11, 0);

    at(8, 12).handle("100201", new WorkOrderCommand.Accept());
    at(8, 40)
        .handle(
            "100202",
            new WorkOrderCommand.Decline(DeclineReason.CANT_MAKE_DATE, "Fully booked this week"));
    at(9, 5)
        .handle(
            "100201",
            new WorkOrderCommand.ChangeExpectedDate(
                ExpectedDate.of(LocalDateTime.of(2026, 3, 3, 10, 0), LYON),
                "Part arrives tomorrow morning",
                alice));
    at(9, 30)
        .handle(
            "100203",
            new WorkOrderCommand.AddNote("Gate code 4711, ask for Marc", NoteAuthor.CLIENT));
    out.println("           ... the clock moves on to 12:05; 100203 was expected at 11:00 ...");
    at(12, 5).handle("100202", new WorkOrderCommand.Reassign(ProviderId.of("bravo-services")));

    printFlags(DispatchPolicies.defaults());
    return 0;
  }

  private void dispatch(
      String number,
      Priority priority,
      String description,
      String trade,
      int day,
      int hour,
      int minute) {
    Change change =
        WorkOrder.dispatch(
            new WorkOrderCommand.Dispatch(
                TrackingNumber.of(number),
                SubscriberId.of("client-1"),
                ProviderId.of("acme-services"),
                new Site(
                    "Store 112",
                    "17 rue du Docteur Bouchut, 69003 Lyon",
                    "+33 4 72 00 00 00",
                    LYON),
                new Problem(trade, description, ""),
                priority,
                Nte.of("500.00", "EUR"),
                ExpectedDate.of(LocalDateTime.of(2026, 3, day, hour, minute), LYON),
                List.of(alice)),
            now);
    record(null, change);
  }

  private DemoCommand at(int hour, int minute) {
    now = LocalDateTime.of(2026, 3, 2, hour, minute).atZone(LYON).toInstant();
    return this;
  }

  private void handle(String number, WorkOrderCommand command) {
    WorkOrder before = orders.get(TrackingNumber.of(number));
    record(before, before.handle(command, now));
  }

  private void record(WorkOrder before, Change change) {
    WorkOrder after = change.after();
    orders.put(after.trackingNumber(), after);
    String status =
        before == null || before.status().equals(after.status())
            ? after.status().toString()
            : before.status() + " -> " + after.status();
    out.printf(
        Locale.ROOT,
        ROW,
        CLOCK.format(change.event().at()),
        after.trackingNumber(),
        describe(change.event()),
        status);
  }

  private static String describe(WorkOrderEvent event) {
    if (event instanceof WorkOrderEvent.Accepted) {
      return "accepted by the provider";
    } else if (event instanceof WorkOrderEvent.Dispatched e) {
      return "dispatched to " + e.provider() + " (" + e.priority() + ")";
    } else if (event instanceof WorkOrderEvent.Declined e) {
      return "declined: " + e.reason() + (e.text() == null ? "" : ", \"" + e.text() + "\"");
    } else if (event instanceof WorkOrderEvent.ExpectedDateChanged e) {
      return "rescheduled to "
          + DATE.format(e.newDate().zonedDateTime())
          + ", "
          + e.contactToNotify().name()
          + " notified";
    } else if (event instanceof WorkOrderEvent.NoteAdded e) {
      return "note by " + e.note().author() + ": \"" + e.note().text() + "\"";
    } else if (event instanceof WorkOrderEvent.Reassigned e) {
      return "reassigned " + e.previousProvider() + " -> " + e.provider();
    }
    return event.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private void printFlags(DispatchPolicies policies) {
    out.println();
    out.println("Flags at " + CLOCK.format(now) + " (URGENT answers within 30 min, others 24 h):");
    String row = "%-7s %-31s %-15s %-17s %-5s %-8s %s%n";
    out.printf(
        Locale.ROOT,
        row,
        "order",
        "status",
        "provider",
        "expected",
        "late",
        "overdue",
        "reassignable");
    for (WorkOrder order : orders.values()) {
      WorkOrderFlags flags = policies.flags(order, now);
      out.printf(
          Locale.ROOT,
          row,
          order.trackingNumber(),
          order.status(),
          order.provider(),
          DATE.format(order.expectedDate().zonedDateTime()),
          yes(flags.late()),
          yes(flags.responseOverdue()),
          yes(flags.reassignable()));
    }
    out.println();
    out.println("100203 is late: its date passed at 11:00 and nobody checked in.");
    out.println("100202 went to bravo-services at 12:05; its 24-hour response clock restarted.");
    out.println("Nothing was stored and no mail was sent: the adapters come next.");
  }

  private static String yes(boolean flag) {
    return flag ? "yes" : "-";
  }
}
