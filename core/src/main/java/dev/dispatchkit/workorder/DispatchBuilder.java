package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link WorkOrderCommand.Dispatch} field by field, from {@link
 * WorkOrderCommand.Dispatch#builder()}. Every field but the contacts is required; {@link #build()}
 * names every missing one in one {@link ValidationException}. Not thread-safe.
 *
 * <pre>{@code
 * WorkOrderCommand.Dispatch command =
 *     WorkOrderCommand.Dispatch.builder()
 *         .trackingNumber("100201")
 *         .subscriber("acme")
 *         .provider("acme-plumbing")
 *         .site(site)
 *         .problem(problem)
 *         .priority(Priority.URGENT)
 *         .nte(Nte.of("500.00", "EUR"))
 *         .expectedDate(LocalDateTime.of(2026, 3, 4, 10, 0)) // in the site's zone
 *         .contact(new ContactPerson("Alice Martin", "alice@client.example"))
 *         .build();
 * }</pre>
 */
public final class DispatchBuilder {
  private @Nullable TrackingNumber trackingNumber;
  private @Nullable SubscriberId subscriber;
  private @Nullable ProviderId provider;
  private @Nullable Site site;
  private @Nullable Problem problem;
  private @Nullable Priority priority;
  private @Nullable Nte nte;
  private @Nullable ExpectedDate expectedDate;
  private @Nullable LocalDateTime expectedLocal;
  private final List<ContactPerson> contacts = new ArrayList<>();

  DispatchBuilder() {}

  /** The number, unique per subscriber. Required. */
  public DispatchBuilder trackingNumber(TrackingNumber trackingNumber) {
    this.trackingNumber = Objects.requireNonNull(trackingNumber, "trackingNumber");
    return this;
  }

  /** The number, unique per subscriber, as {@link TrackingNumber#of(String)} reads it. Required. */
  public DispatchBuilder trackingNumber(String trackingNumber) {
    return trackingNumber(TrackingNumber.of(trackingNumber));
  }

  /** The client. Required. */
  public DispatchBuilder subscriber(SubscriberId subscriber) {
    this.subscriber = Objects.requireNonNull(subscriber, "subscriber");
    return this;
  }

  /** The client, as {@link SubscriberId#of(String)} reads it. Required. */
  public DispatchBuilder subscriber(String subscriber) {
    return subscriber(SubscriberId.of(subscriber));
  }

  /** The provider the work order goes to. Required. */
  public DispatchBuilder provider(ProviderId provider) {
    this.provider = Objects.requireNonNull(provider, "provider");
    return this;
  }

  /** The provider, as {@link ProviderId#of(String)} reads it. Required. */
  public DispatchBuilder provider(String provider) {
    return provider(ProviderId.of(provider));
  }

  /** Where the work is done; its zone is the zone of the expected date. Required. */
  public DispatchBuilder site(Site site) {
    this.site = Objects.requireNonNull(site, "site");
    return this;
  }

  /** What is wrong. Required. */
  public DispatchBuilder problem(Problem problem) {
    this.problem = Objects.requireNonNull(problem, "problem");
    return this;
  }

  /** How fast the provider must answer. Required. */
  public DispatchBuilder priority(Priority priority) {
    this.priority = Objects.requireNonNull(priority, "priority");
    return this;
  }

  /** The not-to-exceed amount. Required. */
  public DispatchBuilder nte(Nte nte) {
    this.nte = Objects.requireNonNull(nte, "nte");
    return this;
  }

  /** When the provider is expected, in the site's zone. Required (this or the local form). */
  public DispatchBuilder expectedDate(ExpectedDate expectedDate) {
    this.expectedDate = Objects.requireNonNull(expectedDate, "expectedDate");
    this.expectedLocal = null;
    return this;
  }

  /**
   * When the provider is expected, as a local time at the site: {@link #build()} reads it in the
   * site's zone with {@link ExpectedDate#of(LocalDateTime, java.time.ZoneId)}.
   */
  public DispatchBuilder expectedDate(LocalDateTime localDateTime) {
    this.expectedLocal = Objects.requireNonNull(localDateTime, "localDateTime");
    this.expectedDate = null;
    return this;
  }

  /** Adds a client's contact who may be notified. */
  public DispatchBuilder contact(ContactPerson contact) {
    contacts.add(Objects.requireNonNull(contact, "contact"));
    return this;
  }

  /** Sets every contact, replacing those added before. None by default. */
  public DispatchBuilder contacts(List<ContactPerson> contacts) {
    this.contacts.clear();
    this.contacts.addAll(List.copyOf(contacts));
    return this;
  }

  /**
   * The command.
   *
   * @throws ValidationException naming every missing field at once, or as {@link
   *     WorkOrderCommand.Dispatch} and {@link ExpectedDate#of(LocalDateTime, java.time.ZoneId)}
   */
  public WorkOrderCommand.Dispatch build() {
    List<String> missing = new ArrayList<>();
    require(trackingNumber, "trackingNumber", missing);
    require(subscriber, "subscriber", missing);
    require(provider, "provider", missing);
    require(site, "site", missing);
    require(problem, "problem", missing);
    require(priority, "priority", missing);
    require(nte, "nte", missing);
    require(expectedDate == null ? expectedLocal : expectedDate, "expectedDate", missing);
    if (!missing.isEmpty()) {
      throw new ValidationException("Dispatch", "missing: " + String.join(", ", missing));
    }
    Site where = Objects.requireNonNull(site);
    ExpectedDate date =
        expectedDate != null
            ? expectedDate
            : ExpectedDate.of(Objects.requireNonNull(expectedLocal), where.zone());
    return new WorkOrderCommand.Dispatch(
        Objects.requireNonNull(trackingNumber),
        Objects.requireNonNull(subscriber),
        Objects.requireNonNull(provider),
        where,
        Objects.requireNonNull(problem),
        Objects.requireNonNull(priority),
        Objects.requireNonNull(nte),
        date,
        contacts);
  }

  private static void require(@Nullable Object value, String field, List<String> missing) {
    if (value == null) {
      missing.add(field);
    }
  }
}
