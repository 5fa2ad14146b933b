package dev.dispatchkit.spring.boot;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.mail.JakartaMail;
import dev.dispatchkit.mail.MailSecurity;
import dev.dispatchkit.mail.QuarantinedMessage;
import dev.dispatchkit.mail.SmtpMailSender;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.Priority;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;

/**
 * The {@code dispatchkit.*} properties checked as a whole and turned into the library's values.
 * Building the SMTP sender and the IMAP source here opens no connection: they connect on first use.
 */
final class ValidatedProperties {

  /** The statuses an unhealthy outbox may report. */
  static final List<String> OUTBOX_STATUSES = List.of("DOWN", "OUT_OF_SERVICE");

  final DispatchKitProperties properties;
  final ReplyTokens replyTokens;
  final DispatchPolicies policies;
  final @Nullable SmtpMailSender smtp;
  final @Nullable ImapMailSource imap;

  private ValidatedProperties(
      DispatchKitProperties properties,
      ReplyTokens replyTokens,
      DispatchPolicies policies,
      @Nullable SmtpMailSender smtp,
      @Nullable ImapMailSource imap) {
    this.properties = properties;
    this.replyTokens = replyTokens;
    this.policies = policies;
    this.smtp = smtp;
    this.imap = imap;
  }

  /**
   * Checks every property.
   *
   * @param smtpRequired false when the application defines its own mail sender
   * @param onQuarantine given to the IMAP source
   * @throws ConfigurationException naming each bad property
   */
  static ValidatedProperties check(
      DispatchKitProperties p, boolean smtpRequired, Consumer<QuarantinedMessage> onQuarantine) {
    PropertyChecks checks = new PropertyChecks();
    String prefix = DispatchKitProperties.PREFIX + ".";

    if (checks.require(prefix + "from-address", p.getFromAddress())
        && !ContactPerson.isPlainAddress(p.getFromAddress())) {
      checks.add(prefix + "from-address", "is not a plain mail address: " + p.getFromAddress());
    }
    DispatchKitProperties.Reply reply = p.getReply();
    boolean local = checks.require(prefix + "reply.local-part", reply.getLocalPart());
    boolean domain = checks.require(prefix + "reply.domain", reply.getDomain());
    if (local
        && domain
        && !ContactPerson.isPlainAddress(reply.getLocalPart() + "@" + reply.getDomain())) {
      checks.add(
          prefix + "reply.local-part",
          "with the domain, not a plain mail address: "
              + reply.getLocalPart()
              + "@"
              + reply.getDomain());
    }
    ReplyTokens tokens = replyTokens(p, checks, prefix + "reply.");
    DispatchPolicies policies = policies(p.getPolicies(), checks, prefix + "policies.");

    DispatchKitProperties.Outbox outbox = p.getOutbox();
    checks.atLeast(prefix + "outbox.max-attempts", outbox.getMaxAttempts(), 1);
    checks.positive(prefix + "outbox.initial-backoff", outbox.getInitialBackoff());
    checks.positive(prefix + "outbox.max-backoff", outbox.getMaxBackoff());
    if (outbox.getInitialBackoff() != null
        && outbox.getMaxBackoff() != null
        && outbox.getMaxBackoff().compareTo(outbox.getInitialBackoff()) < 0) {
      checks.add(prefix + "outbox.max-backoff", "must be at least the initial backoff");
    }
    checks.positive(prefix + "outbox.lease", outbox.getLease());
    if (p.getAttachments().getMaxSize() == null || p.getAttachments().getMaxSize().toBytes() < 1) {
      checks.add(prefix + "attachments.max-size", "must be at least 1 byte");
    }
    checks.require(prefix + "store.table-prefix", p.getStore().getTablePrefix());

    DispatchKitProperties.Runner runner = p.getRunner();
    checks.positive(prefix + "runner.poll-interval", runner.getPollInterval());
    checks.positive(prefix + "runner.relay-interval", runner.getRelayInterval());
    checks.positive(prefix + "runner.sweep-interval", runner.getSweepInterval());
    checks.atLeast(prefix + "runner.poll-batch", runner.getPollBatch(), 1);
    checks.positive(prefix + "runner.failure-backoff-initial", runner.getFailureBackoffInitial());
    checks.positive(prefix + "runner.failure-backoff-max", runner.getFailureBackoffMax());
    checks.positive(prefix + "runner.shutdown-timeout", runner.getShutdownTimeout());

    DispatchKitProperties.Health health = p.getHealth();
    checks.positive(prefix + "health.check-timeout", health.getCheckTimeout());
    checks.positive(prefix + "health.outbox-max-age", health.getOutboxMaxAge());
    String status = health.getOutboxStatus();
    if (status == null || !OUTBOX_STATUSES.contains(status.toUpperCase(Locale.ROOT))) {
      checks.add(prefix + "health.outbox-status", "must be one of " + OUTBOX_STATUSES);
    }

    SmtpMailSender smtp = null;
    if (isSet(p.getSmtp().getHost()) || smtpRequired) {
      smtp = smtp(p.getSmtp(), checks, prefix + "smtp.");
    }
    ImapMailSource imap = null;
    if (isSet(p.getImap().getHost())) {
      imap = imap(p.getImap(), checks, prefix + "imap.", onQuarantine);
    }
    checks.throwIfAny();
    return new ValidatedProperties(p, tokens, policies, smtp, imap);
  }

  private static boolean isSet(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  private static @Nullable ReplyTokens replyTokens(
      DispatchKitProperties p, PropertyChecks checks, String prefix) {
    ReplyTokens.Builder builder = ReplyTokens.builder();
    DispatchKitProperties.Key signing = p.getReply().getSigningKey();
    if (checks.require(prefix + "signing-key.secret", signing.getSecret())) {
      byte[] secret = secret(signing.getSecret(), checks, prefix + "signing-key.secret");
      if (secret != null) {
        checks.step(prefix + "signing-key", () -> builder.signingKey(signing.getId(), secret));
      }
    }
    List<DispatchKitProperties.Key> retired = p.getReply().getVerifyingKeys();
    for (int i = 0; i < retired.size(); i++) {
      DispatchKitProperties.Key key = retired.get(i);
      String name = prefix + "verifying-keys[" + i + "]";
      if (checks.require(name + ".secret", key.getSecret())) {
        byte[] secret = secret(key.getSecret(), checks, name + ".secret");
        if (secret != null) {
          checks.step(name, () -> builder.verifyingKey(key.getId(), secret));
        }
      }
    }
    return checks.step(prefix + "signing-key", builder::build);
  }

  private static byte @Nullable [] secret(String text, PropertyChecks checks, String property) {
    if (text.startsWith("base64:")) {
      try {
        return Base64.getDecoder().decode(text.substring("base64:".length()).strip());
      } catch (IllegalArgumentException e) {
        checks.add(property, "is not valid Base64");
        return null;
      }
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static @Nullable DispatchPolicies policies(
      DispatchKitProperties.Policies p, PropertyChecks checks, String prefix) {
    DispatchPolicies.Builder builder = DispatchPolicies.builder();
    checks.step(
        prefix + "urgent-response",
        () -> builder.responseWindow(Priority.URGENT, p.getUrgentResponse()));
    checks.step(
        prefix + "non-urgent-response",
        () -> builder.responseWindow(Priority.NON_URGENT, p.getNonUrgentResponse()));
    checks.step(prefix + "reschedule-limit", () -> builder.rescheduleLimit(p.getRescheduleLimit()));
    return builder.build();
  }

  private static @Nullable SmtpMailSender smtp(
      DispatchKitProperties.Smtp s, PropertyChecks checks, String prefix) {
    SmtpMailSender.Builder b = JakartaMail.smtp();
    if (!server(s, checks, prefix, b::host, b::port, b::security, b::credentials)) {
      return null;
    }
    checks.step(prefix + "connect-timeout", () -> b.connectTimeout(s.getConnectTimeout()));
    checks.step(prefix + "read-timeout", () -> b.readTimeout(s.getReadTimeout()));
    checks.step(prefix + "write-timeout", () -> b.writeTimeout(s.getWriteTimeout()));
    return checks.step(prefix + "host", b::build);
  }

  private static @Nullable ImapMailSource imap(
      DispatchKitProperties.Imap s,
      PropertyChecks checks,
      String prefix,
      Consumer<QuarantinedMessage> onQuarantine) {
    ImapMailSource.Builder b = JakartaMail.imap();
    if (!server(s, checks, prefix, b::host, b::port, b::security, b::credentials)) {
      return null;
    }
    checks.step(prefix + "connect-timeout", () -> b.connectTimeout(s.getConnectTimeout()));
    checks.step(prefix + "read-timeout", () -> b.readTimeout(s.getReadTimeout()));
    checks.step(prefix + "write-timeout", () -> b.writeTimeout(s.getWriteTimeout()));
    checks.step(prefix + "inbox-folder", () -> b.inboxFolder(s.getInboxFolder()));
    checks.step(prefix + "processed-folder", () -> b.processedFolder(s.getProcessedFolder()));
    checks.step(prefix + "quarantine-folder", () -> b.quarantineFolder(s.getQuarantineFolder()));
    if (s.getMaxMessageSize() == null) {
      checks.add(prefix + "max-message-size", "is required");
    } else {
      checks.step(
          prefix + "max-message-size", () -> b.maxMessageSize(s.getMaxMessageSize().toBytes()));
    }
    checks.step(prefix + "max-failures", () -> b.maxFailures(s.getMaxFailures()));
    checks.step(
        prefix + "reconnect-backoff-initial",
        () -> b.reconnectBackoff(s.getReconnectBackoffInitial(), s.getReconnectBackoffMax()));
    checks.step(prefix + "poll-interval", () -> b.pollInterval(s.getPollInterval()));
    b.useIdle(s.isIdle());
    b.onQuarantine(onQuarantine);
    return checks.step(prefix + "host", b::build);
  }

  /** The settings SMTP and IMAP share; false when the host is missing. */
  private static <B> boolean server(
      DispatchKitProperties.Server s,
      PropertyChecks checks,
      String prefix,
      Function<String, B> host,
      IntFunction<B> port,
      Function<MailSecurity, B> security,
      BiFunction<String, String, B> credentials) {
    if (!checks.require(prefix + "host", s.getHost())) {
      return false;
    }
    checks.step(prefix + "host", () -> host.apply(s.getHost()));
    if (s.getPort() != null) {
      checks.step(prefix + "port", () -> port.apply(s.getPort()));
    }
    if (s.getSecurity() == null) {
      checks.add(prefix + "security", "is required");
    } else {
      checks.step(prefix + "security", () -> security.apply(s.getSecurity()));
    }
    if (s.getUsername() != null) {
      checks.step(
          prefix + "username",
          () -> credentials.apply(s.getUsername(), s.getPassword() == null ? "" : s.getPassword()));
    } else if (s.getPassword() != null) {
      checks.add(prefix + "username", "is required with a password");
    }
    return true;
  }
}
