package dev.dispatchkit.workorder;

import dev.dispatchkit.workorder.WorkOrderCommand.Dispatch;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

/** Work orders and commands for tests; every value is fixed, nothing reads the system clock. */
public final class Fixtures {

  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  public static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");
  public static final ContactPerson ALICE =
      new ContactPerson("Alice Martin", "alice@client.example");
  public static final ContactPerson BOB = new ContactPerson("Bob Durand", "bob@client.example");
  public static final ProviderId PROVIDER = ProviderId.of("acme-plumbing");
  public static final ProviderId OTHER_PROVIDER = ProviderId.of("bravo-services");
  public static final Site SITE =
      new Site(
          "Store 112 - Lyon Part-Dieu",
          "17 rue du Docteur Bouchut, 69003 Lyon",
          "+33 4 72 00 00 00",
          PARIS);
  public static final Problem PROBLEM =
      new Problem(
          "PLUMBING",
          "Leak under the sink in the staff room",
          "Water on the floor.\nValve closed.");
  public static final Nte NTE = Nte.of("500.00", "EUR");

  /** Two days after {@link #T0}, at 10:00 in Paris. */
  public static final ExpectedDate EXPECTED =
      ExpectedDate.of(LocalDateTime.of(2026, 3, 4, 10, 0), PARIS);

  private Fixtures() {}

  public static Dispatch dispatchCommand() {
    return dispatchCommand("100200", Priority.URGENT);
  }

  public static Dispatch dispatchCommand(String trackingNumber, Priority priority) {
    return new Dispatch(
        TrackingNumber.of(trackingNumber),
        SubscriberId.of("client-1"),
        PROVIDER,
        SITE,
        PROBLEM,
        priority,
        NTE,
        EXPECTED,
        List.of(ALICE, BOB));
  }

  /** A freshly dispatched work order, OPEN at version 1, dispatched at {@link #T0}. */
  public static WorkOrder dispatched() {
    return WorkOrder.dispatch(dispatchCommand(), T0).after();
  }

  /**
   * A work order in {@code status}, built with the canonical constructor as a storage adapter
   * would, with or without a pending NTE increase request.
   */
  public static WorkOrder inStatus(Status status, boolean pendingNteIncrease) {
    boolean open = status.primary() == PrimaryStatus.OPEN;
    Instant accepted = open ? null : T0.plus(Duration.ofMinutes(5));
    Instant checkedIn =
        open || status.equals(Status.DISPATCH_CONFIRMED) ? null : T0.plus(Duration.ofHours(1));
    return new WorkOrder(
        TrackingNumber.of("100200"),
        SubscriberId.of("client-1"),
        PROVIDER,
        SITE,
        PROBLEM,
        Priority.URGENT,
        NTE,
        EXPECTED,
        status,
        List.of(ALICE, BOB),
        List.of(),
        List.of(),
        0,
        null,
        7,
        T0,
        accepted,
        checkedIn,
        status.equals(Status.DECLINED)
            ? new DeclineDetails(DeclineReason.CANT_MAKE_DATE, null, T0.plusSeconds(60))
            : null,
        pendingNteIncrease
            ? new NteIncreaseRequest(Nte.of("800.00", "EUR"), "Pipe must be replaced", T0)
            : null,
        false);
  }

  public static AttachmentRef attachment(String id) {
    return new AttachmentRef(id, "photo.jpg", "image/jpeg", 1024, "ab".repeat(32));
  }

  /** A valid command of {@code kind} for {@code order}, so that only legality decides. */
  public static WorkOrderCommand validCommand(CommandKind kind, WorkOrder order) {
    return switch (kind) {
      case DISPATCH -> dispatchCommand();
      case ACCEPT -> new WorkOrderCommand.Accept();
      case DECLINE -> new WorkOrderCommand.Decline(DeclineReason.CANT_MAKE_DATE, "Fully booked");
      case REASSIGN ->
          new WorkOrderCommand.Reassign(
              order.provider().equals(OTHER_PROVIDER) ? PROVIDER : OTHER_PROVIDER);
      case CHANGE_EXPECTED_DATE ->
          new WorkOrderCommand.ChangeExpectedDate(
              ExpectedDate.ofInstant(
                  order.expectedDate().instant().plus(Duration.ofDays(1)), PARIS),
              "Technician ill",
              order.contacts().get(0));
      case ADD_NOTE -> new WorkOrderCommand.AddNote("Gate code 1234", NoteAuthor.CLIENT);
      case ADD_ATTACHMENT ->
          new WorkOrderCommand.AddAttachment(attachment("att-" + order.attachments().size()));
      case RECORD_DISPATCH_MESSAGE ->
          new WorkOrderCommand.RecordDispatchMessage(
              "wo-100200." + order.version() + "@dispatch.example");
      case CHECK_IN -> new WorkOrderCommand.CheckIn();
      case REPORT_PARTS_ON_ORDER ->
          new WorkOrderCommand.UpdateProgress(ProgressUpdate.PARTS_ON_ORDER);
      case REPORT_INCOMPLETE -> new WorkOrderCommand.UpdateProgress(ProgressUpdate.INCOMPLETE);
      case COMPLETE -> new WorkOrderCommand.Complete();
      case CONFIRM -> new WorkOrderCommand.Confirm();
      case REJECT_COMPLETION -> new WorkOrderCommand.RejectCompletion("The tap still drips");
      case MARK_UNDELIVERED -> new WorkOrderCommand.MarkUndelivered();
      case CANCEL -> new WorkOrderCommand.Cancel("Store closed");
      case REQUEST_NTE_INCREASE ->
          new WorkOrderCommand.RequestNteIncrease(
              Nte.of(
                  order.nte().amount().add(java.math.BigDecimal.valueOf(100)),
                  order.nte().currency()),
              "Pipe must be replaced");
      case APPROVE_NTE_INCREASE -> new WorkOrderCommand.ApproveNteIncrease();
      case REJECT_NTE_INCREASE -> new WorkOrderCommand.RejectNteIncrease("Too expensive");
    };
  }
}
