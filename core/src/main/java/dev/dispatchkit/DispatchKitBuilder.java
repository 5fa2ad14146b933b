package dev.dispatchkit;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.internal.Settings;
import dev.dispatchkit.message.MailTemplates;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.reply.Vocabulary;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.WorkOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link DispatchKit}: {@link DispatchKit#builder()} gives one. Not thread-safe; {@link
 * #build()} names every missing or invalid setting at once.
 */
public final class DispatchKitBuilder {
  private @Nullable WorkOrderStore store;
  private @Nullable MailSender mailSender;
  private @Nullable AttachmentStore attachmentStore;
  private Clock clock = Clock.systemUTC();
  private @Nullable ReplyTokens replyTokens;
  private @Nullable String fromAddress;
  private @Nullable String replyLocalPart;
  private @Nullable String replyDomain;
  private Vocabulary vocabulary = Vocabulary.defaults();
  private DispatchPolicies policies = DispatchPolicies.defaults();
  private MailTemplates templates = MailTemplates.defaults();
  private DispatchListener listener = DispatchListener.NONE;
  private Set<String> trustedAuthServIds = Set.of();
  private int maxAttempts = 8;
  private Duration initialBackoff = Duration.ofMinutes(1);
  private Duration maxBackoff = Duration.ofHours(1);
  private Duration lease = Duration.ofMinutes(5);
  private Set<String> allowedContentTypes =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf");
  private long maxAttachmentBytes = 10L * 1024 * 1024;
  private Function<WorkOrder, Optional<ProviderId>> fallbackProvider = o -> Optional.empty();

  DispatchKitBuilder() {}

  /** Where work orders, inbox and outbox are kept. Required. */
  public DispatchKitBuilder store(WorkOrderStore store) {
    this.store = Objects.requireNonNull(store, "store");
    return this;
  }

  /** How the outbox relay sends mail. Required. */
  public DispatchKitBuilder mailSender(MailSender mailSender) {
    this.mailSender = Objects.requireNonNull(mailSender, "mailSender");
    return this;
  }

  /** Where attachment bytes go. Required. */
  public DispatchKitBuilder attachmentStore(AttachmentStore attachmentStore) {
    this.attachmentStore = Objects.requireNonNull(attachmentStore, "attachmentStore");
    return this;
  }

  /** The time source; {@link Clock#systemUTC()} by default. */
  public DispatchKitBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** The keys that sign and verify reply tokens. Required. */
  public DispatchKitBuilder replyTokens(ReplyTokens replyTokens) {
    this.replyTokens = Objects.requireNonNull(replyTokens, "replyTokens");
    return this;
  }

  /** The {@code From} address of every mail. Required. */
  public DispatchKitBuilder fromAddress(String fromAddress) {
    this.fromAddress = Objects.requireNonNull(fromAddress, "fromAddress");
    return this;
  }

  /**
   * The reply mailbox: replies go to {@code localPart+token@domain}, and Message-IDs end in
   * {@code @domain}. Required.
   */
  public DispatchKitBuilder replyAddress(String localPart, String domain) {
    this.replyLocalPart = Objects.requireNonNull(localPart, "localPart");
    this.replyDomain = Objects.requireNonNull(domain, "domain");
    return this;
  }

  /** The reply words; the French and English defaults otherwise. */
  public DispatchKitBuilder vocabulary(Vocabulary vocabulary) {
    this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
    return this;
  }

  /** Response and arrival windows and reschedule limit; the defaults otherwise. */
  public DispatchKitBuilder policies(DispatchPolicies policies) {
    this.policies = Objects.requireNonNull(policies, "policies");
    return this;
  }

  /** The email templates; French and English defaults otherwise. */
  public DispatchKitBuilder templates(MailTemplates templates) {
    this.templates = Objects.requireNonNull(templates, "templates");
    return this;
  }

  /** Told about committed changes; does nothing by default. */
  public DispatchKitBuilder listener(DispatchListener listener) {
    this.listener = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /**
   * The authserv-ids of the host's own mail servers, whose {@code Authentication-Results} headers
   * are believed: a reply they mark {@code dmarc=fail} is never applied. None by default.
   */
  public DispatchKitBuilder trustedAuthServIds(Set<String> ids) {
    List<String> lower = new ArrayList<>();
    ids.forEach(id -> lower.add(id.strip().toLowerCase(Locale.ROOT)));
    this.trustedAuthServIds = Set.copyOf(lower);
    return this;
  }

  /**
   * Outbox retries: a mail is blocked after {@code maxAttempts} failed sends; the wait doubles from
   * {@code initialBackoff} up to {@code maxBackoff}. 8 attempts, 1 minute to 1 hour by default.
   */
  public DispatchKitBuilder outboxRetry(
      int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    this.maxAttempts = maxAttempts;
    this.initialBackoff = Objects.requireNonNull(initialBackoff, "initialBackoff");
    this.maxBackoff = Objects.requireNonNull(maxBackoff, "maxBackoff");
    return this;
  }

  /** How long a relay holds claimed mail before another may take it; 5 minutes by default. */
  public DispatchKitBuilder outboxLease(Duration lease) {
    this.lease = Objects.requireNonNull(lease, "lease");
    return this;
  }

  /** Allowed attachment types and the size limit; images and PDF up to 10 MiB by default. */
  public DispatchKitBuilder attachments(Set<String> contentTypes, long maxBytes) {
    this.allowedContentTypes = Set.copyOf(contentTypes);
    this.maxAttachmentBytes = maxBytes;
    return this;
  }

  /** Chooses a provider for {@link #sweep()} to reassign a reassignable work order to. */
  public DispatchKitBuilder fallbackProvider(Function<WorkOrder, Optional<ProviderId>> chooser) {
    this.fallbackProvider = Objects.requireNonNull(chooser, "chooser");
    return this;
  }

  /**
   * The facade.
   *
   * @throws ConfigurationException naming every missing or invalid setting
   */
  public DispatchKit build() {
    List<String> bad = new ArrayList<>();
    if (store == null) {
      bad.add("store");
    }
    if (mailSender == null) {
      bad.add("mailSender");
    }
    if (attachmentStore == null) {
      bad.add("attachmentStore");
    }
    if (replyTokens == null) {
      bad.add("replyTokens");
    }
    if (fromAddress == null || !ContactPerson.isPlainAddress(fromAddress)) {
      bad.add("fromAddress");
    }
    if (replyLocalPart == null
        || replyDomain == null
        || !ContactPerson.isPlainAddress(replyLocalPart + "@" + replyDomain)) {
      bad.add("replyAddress");
    }
    if (maxAttempts < 1
        || initialBackoff.isNegative()
        || initialBackoff.isZero()
        || maxBackoff.compareTo(initialBackoff) < 0) {
      bad.add("outboxRetry");
    }
    if (lease.isNegative() || lease.isZero()) {
      bad.add("outboxLease");
    }
    if (maxAttachmentBytes < 1) {
      bad.add("attachments");
    }
    if (!bad.isEmpty()) {
      throw new ConfigurationException("missing or invalid settings: " + bad, bad);
    }
    return new DispatchKit(
        new Settings(
            store,
            mailSender,
            attachmentStore,
            clock,
            replyTokens,
            fromAddress,
            replyLocalPart,
            replyDomain,
            vocabulary,
            policies,
            templates,
            listener,
            trustedAuthServIds,
            maxAttempts,
            initialBackoff,
            maxBackoff,
            lease,
            allowedContentTypes,
            maxAttachmentBytes,
            fallbackProvider));
  }
}
