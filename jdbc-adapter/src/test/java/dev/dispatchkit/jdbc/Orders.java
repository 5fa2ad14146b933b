package dev.dispatchkit.jdbc;

import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand.Dispatch;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Fixed test values; nothing reads the system clock. */
final class Orders {
  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  static final ContactPerson ALICE = new ContactPerson("Alice Martin", "alice@client.example");
  static final ContactPerson BOB = new ContactPerson("Bob Durand", "bob@client.example");
  static final ProviderId PROVIDER = ProviderId.of("acme-plumbing");
  static final ProviderId OTHER_PROVIDER = ProviderId.of("bravo-services");
  static final Site SITE =
      new Site(
          "Store 112 - Lyon Part-Dieu",
          "17 rue du Docteur Bouchut, 69003 Lyon",
          "+33 4 72 00 00 00",
          PARIS);
  static final Problem PROBLEM =
      new Problem("PLUMBING", "Leak under the sink", "Water on the floor.\nValve closed.");
  static final Nte NTE = Nte.of("500.00", "EUR");
  static final ExpectedDate EXPECTED = ExpectedDate.of(LocalDateTime.of(2026, 3, 4, 10, 0), PARIS);

  private Orders() {}

  static Dispatch command(
      String subscriber, String tracking, Priority priority, Site site, ExpectedDate expected) {
    return new Dispatch(
        TrackingNumber.of(tracking),
        SubscriberId.of(subscriber),
        PROVIDER,
        site,
        PROBLEM,
        priority,
        NTE,
        expected,
        List.of(ALICE, BOB));
  }

  static WorkOrder dispatched(String subscriber, String tracking) {
    return WorkOrder.dispatch(command(subscriber, tracking, Priority.URGENT, SITE, EXPECTED), T0)
        .after();
  }

  static OutboundMail mail(String id) {
    return new OutboundMail(
        id,
        id + "@dispatch.example",
        MailKind.DISPATCH,
        "dispatch@client.example",
        "reply+" + id + "@client.example",
        List.of("provider@acme.example"),
        "Work order " + id,
        "Please confirm.\nThanks",
        null,
        null,
        null,
        Map.of("X-DispatchKit-Tracking", id));
  }
}
