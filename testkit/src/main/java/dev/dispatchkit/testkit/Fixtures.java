package dev.dispatchkit.testkit;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.DispatchKitBuilder;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.DeclineDetails;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand.Dispatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Ready-made values for tests: a dispatch command, a work order in any status, a dispatch
 * preference. Every value is fixed (nothing reads the system clock) and every builder starts from
 * sensible defaults, so a test names only what it is about.
 */
public final class Fixtures {

  /** The zone of the default site. */
  public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  /** The default dispatch instant: 2026-03-02T08:00Z, a Monday. */
  public static final Instant T0 = Instant.parse("2026-03-02T08:00:00Z");

  /** The default subscriber. */
  public static final SubscriberId SUBSCRIBER = SubscriberId.of("client-1");

  /** The default provider. */
  public static final ProviderId PROVIDER = ProviderId.of("acme-plumbing");

  /** A second provider, for reassignments. */
  public static final ProviderId OTHER_PROVIDER = ProviderId.of("bravo-services");

  /** The default provider's dispatch address. */
  public static final String PROVIDER_ADDRESS = "dispatch@acme-plumbing.example";

  /** The second provider's dispatch address. */
  public static final String OTHER_PROVIDER_ADDRESS = "jobs@bravo-services.example";

  /** The address the client is told at. */
  public static final String CLIENT_ADDRESS = "facilities@client.example";

  /** The first contact. */
  public static final ContactPerson ALICE =
      new ContactPerson("Alice Martin", "alice@client.example");

  /** The second contact. */
  public static final ContactPerson BOB = new ContactPerson("Bob Durand", "bob@client.example");

  /** The default site, in Paris's zone. */
  public static final Site SITE =
      new Site(
          "Store 112 - Lyon Part-Dieu",
          "17 rue du Docteur Bouchut, 69003 Lyon",
          "+33 4 72 00 00 00",
          PARIS);

  /** The default problem. */
  public static final Problem PROBLEM =
      new Problem(
          "PLUMBING",
          "Leak under the sink in the staff room",
          "Water on the floor.\nValve closed.");

  /** The default NTE: 500.00 EUR. */
  public static final Nte NTE = Nte.of("500.00", "EUR");

  /** The default expected date: two days after {@link #T0}, at 10:00 in Paris. */
  public static final LocalDateTime EXPECTED = LocalDateTime.of(2026, 3, 4, 10, 0);

  /** The address the facade of {@link #kit} sends from. */
  public static final String HOST_ADDRESS = "dispatch@host.example";

  /**
   * Reply tokens signed with key 1, a fixed and public 32-byte test key: the tokens a test's
   * replies carry verify in any facade built by {@link #kit}. Never use this key outside tests.
   */
  public static final ReplyTokens REPLY_TOKENS =
      ReplyTokens.builder()
          .signingKey(1, "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII))
          .build();

  private Fixtures() {}

  /**
   * A facade builder with the test defaults: {@code store}, {@code mailSender} and {@code clock},
   * attachments in memory, {@link #REPLY_TOKENS}, notices from {@link #HOST_ADDRESS} and replies to
   * {@code dispatch+<token>@host.example}. A test sets again what it is about before {@link
   * DispatchKitBuilder#build()}.
   */
  public static DispatchKitBuilder kit(WorkOrderStore store, MailSender mailSender, Clock clock) {
    return DispatchKit.builder()
        .store(store)
        .mailSender(mailSender)
        .attachmentStore(new InMemoryAttachmentStore())
        .clock(clock)
        .replyTokens(REPLY_TOKENS)
        .fromAddress(HOST_ADDRESS)
        .replyAddress("dispatch", "host.example");
  }

  /** A builder of {@link Dispatch} commands with every default. */
  public static DispatchBuilder dispatch() {
    return new DispatchBuilder();
  }

  /** A builder of work orders with every default: OPEN, version 1, dispatched at {@link #T0}. */
  public static WorkOrderBuilder workOrder() {
    return new WorkOrderBuilder();
  }

  /** The preference of {@link #SUBSCRIBER} for {@link #PROVIDER}, in French. */
  public static DispatchPreference preference() {
    return preference(PROVIDER, PROVIDER_ADDRESS, Locale.FRENCH);
  }

  /** A preference of {@link #SUBSCRIBER} for {@code provider}, telling {@link #CLIENT_ADDRESS}. */
  public static DispatchPreference preference(
      ProviderId provider, String dispatchAddress, Locale language) {
    return new DispatchPreference(
        SUBSCRIBER, provider, dispatchAddress, List.of(), language, CLIENT_ADDRESS, false);
  }

  /** Builds a {@link Dispatch}. Not thread-safe. */
  public static final class DispatchBuilder {
    private TrackingNumber trackingNumber = TrackingNumber.of("100200");
    private SubscriberId subscriber = SUBSCRIBER;
    private ProviderId provider = PROVIDER;
    private Site site = SITE;
    private Problem problem = PROBLEM;
    private Priority priority = Priority.URGENT;
    private Nte nte = NTE;
    private LocalDateTime expected = EXPECTED;
    private List<ContactPerson> contacts = List.of(ALICE, BOB);

    private DispatchBuilder() {}

    /** The tracking number. */
    public DispatchBuilder trackingNumber(String value) {
      this.trackingNumber = TrackingNumber.of(value);
      return this;
    }

    /** The subscriber. */
    public DispatchBuilder subscriber(String value) {
      this.subscriber = SubscriberId.of(value);
      return this;
    }

    /** The provider. */
    public DispatchBuilder provider(ProviderId value) {
      this.provider = Objects.requireNonNull(value, "provider");
      return this;
    }

    /** The site; the expected date follows its zone. */
    public DispatchBuilder site(Site value) {
      this.site = Objects.requireNonNull(value, "site");
      return this;
    }

    /** The problem. */
    public DispatchBuilder problem(Problem value) {
      this.problem = Objects.requireNonNull(value, "problem");
      return this;
    }

    /** The priority. */
    public DispatchBuilder priority(Priority value) {
      this.priority = Objects.requireNonNull(value, "priority");
      return this;
    }

    /** The NTE. */
    public DispatchBuilder nte(Nte value) {
      this.nte = Objects.requireNonNull(value, "nte");
      return this;
    }

    /** The expected date, a local date-time in the site's zone. */
    public DispatchBuilder expected(LocalDateTime value) {
      this.expected = Objects.requireNonNull(value, "expected");
      return this;
    }

    /** The contacts. */
    public DispatchBuilder contacts(ContactPerson... values) {
      this.contacts = List.of(values);
      return this;
    }

    /** The command. */
    public Dispatch build() {
      return new Dispatch(
          trackingNumber,
          subscriber,
          provider,
          site,
          problem,
          priority,
          nte,
          ExpectedDate.of(expected, site.zone()),
          contacts);
    }
  }

  /**
   * Builds a {@link WorkOrder} with the canonical constructor, as a storage adapter would: any
   * legal status, with the instants that status requires. Not thread-safe.
   */
  public static final class WorkOrderBuilder {
    private final DispatchBuilder dispatch = new DispatchBuilder();
    private Status status = Status.OPEN;
    private Instant dispatchedAt = T0;
    private int rescheduleCount;
    private long version = 1;
    private @Nullable String dispatchMessageId;
    private boolean undelivered;

    private WorkOrderBuilder() {}

    /** The tracking number. */
    public WorkOrderBuilder trackingNumber(String value) {
      dispatch.trackingNumber(value);
      return this;
    }

    /** The subscriber. */
    public WorkOrderBuilder subscriber(String value) {
      dispatch.subscriber(value);
      return this;
    }

    /** The provider. */
    public WorkOrderBuilder provider(ProviderId value) {
      dispatch.provider(value);
      return this;
    }

    /** The site. */
    public WorkOrderBuilder site(Site value) {
      dispatch.site(value);
      return this;
    }

    /** The problem. */
    public WorkOrderBuilder problem(Problem value) {
      dispatch.problem(value);
      return this;
    }

    /** The priority. */
    public WorkOrderBuilder priority(Priority value) {
      dispatch.priority(value);
      return this;
    }

    /** The NTE. */
    public WorkOrderBuilder nte(Nte value) {
      dispatch.nte(value);
      return this;
    }

    /** The expected date, a local date-time in the site's zone. */
    public WorkOrderBuilder expected(LocalDateTime value) {
      dispatch.expected(value);
      return this;
    }

    /** The contacts. */
    public WorkOrderBuilder contacts(ContactPerson... values) {
      dispatch.contacts(values);
      return this;
    }

    /** The status; accepted five minutes and checked in one hour after dispatch where needed. */
    public WorkOrderBuilder status(Status value) {
      this.status = Objects.requireNonNull(value, "status");
      return this;
    }

    /** When it was dispatched to its provider. */
    public WorkOrderBuilder dispatchedAt(Instant value) {
      this.dispatchedAt = Objects.requireNonNull(value, "dispatchedAt");
      return this;
    }

    /** How many times the expected date moved. */
    public WorkOrderBuilder rescheduleCount(int value) {
      this.rescheduleCount = value;
      return this;
    }

    /** The version. */
    public WorkOrderBuilder version(long value) {
      this.version = value;
      return this;
    }

    /** The dispatch email's Message-ID. */
    public WorkOrderBuilder dispatchMessageId(String value) {
      this.dispatchMessageId = value;
      return this;
    }

    /** Whether the service request bounced; only an OPEN work order can be undelivered. */
    public WorkOrderBuilder undelivered(boolean value) {
      this.undelivered = value;
      return this;
    }

    /** The work order. */
    public WorkOrder build() {
      Dispatch d = dispatch.build();
      boolean open = status.primary() == PrimaryStatus.OPEN;
      Instant accepted = open ? null : dispatchedAt.plus(Duration.ofMinutes(5));
      Instant checkedIn =
          open || status.equals(Status.DISPATCH_CONFIRMED) ? null : dispatchedAt.plusSeconds(3600);
      DeclineDetails decline =
          status.equals(Status.DECLINED)
              ? new DeclineDetails(null, null, dispatchedAt.plusSeconds(600))
              : null;
      return new WorkOrder(
          d.trackingNumber(),
          d.subscriber(),
          d.provider(),
          d.site(),
          d.problem(),
          d.priority(),
          d.nte(),
          d.expectedDate(),
          status,
          d.contacts(),
          List.of(),
          List.of(),
          rescheduleCount,
          dispatchMessageId,
          version,
          dispatchedAt,
          accepted,
          checkedIn,
          decline,
          null,
          undelivered);
    }
  }
}
