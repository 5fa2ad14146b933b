package dev.dispatchkit.spring.boot;

import dev.dispatchkit.mail.MailSecurity;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The {@code dispatchkit.*} property tree the starter builds DispatchKit from. Every default is the
 * library's own; {@link DispatchKitAutoConfiguration} checks the whole tree at start-up and names
 * each bad property in one {@link dev.dispatchkit.error.ConfigurationException}.
 */
@ConfigurationProperties(DispatchKitProperties.PREFIX)
public class DispatchKitProperties {

  /** The prefix of every property: {@value}. */
  public static final String PREFIX = "dispatchkit";

  /** The From address of every mail DispatchKit sends, such as dispatch@example.com. */
  private @Nullable String fromAddress;

  /**
   * The authserv-ids of the host's own mail servers, whose Authentication-Results headers are
   * believed: a reply they mark dmarc=fail is never applied.
   */
  private List<String> trustedAuthServIds = new ArrayList<>();

  /** The reply mailbox and the keys that sign reply tokens. */
  private final Reply reply = new Reply();

  /** The JDBC store over the application's DataSource. */
  private final Store store = new Store();

  /** The SMTP server the outbox relay sends through. */
  private final Smtp smtp = new Smtp();

  /** The IMAP mailbox replies are read from. */
  private final Imap imap = new Imap();

  /** Response windows and the reschedule limit. */
  private final Policies policies = new Policies();

  /** Outbox retries and lease. */
  private final Outbox outbox = new Outbox();

  /** Which attachments are accepted. */
  private final Attachments attachments = new Attachments();

  /** The background runner: polling, relaying and sweeping. */
  private final Runner runner = new Runner();

  /** The "dispatchkit" health indicator. */
  private final Health health = new Health();

  /** The From address of every mail. */
  public @Nullable String getFromAddress() {
    return fromAddress;
  }

  /** Sets the From address of every mail. */
  public void setFromAddress(@Nullable String fromAddress) {
    this.fromAddress = fromAddress;
  }

  /** The trusted authserv-ids. */
  public List<String> getTrustedAuthServIds() {
    return trustedAuthServIds;
  }

  /** Sets the trusted authserv-ids. */
  public void setTrustedAuthServIds(List<String> trustedAuthServIds) {
    this.trustedAuthServIds = trustedAuthServIds;
  }

  /** The reply mailbox and token keys. */
  public Reply getReply() {
    return reply;
  }

  /** The store settings. */
  public Store getStore() {
    return store;
  }

  /** The SMTP settings. */
  public Smtp getSmtp() {
    return smtp;
  }

  /** The IMAP settings. */
  public Imap getImap() {
    return imap;
  }

  /** The policies. */
  public Policies getPolicies() {
    return policies;
  }

  /** The outbox settings. */
  public Outbox getOutbox() {
    return outbox;
  }

  /** The attachment limits. */
  public Attachments getAttachments() {
    return attachments;
  }

  /** The runner settings. */
  public Runner getRunner() {
    return runner;
  }

  /** The health settings. */
  public Health getHealth() {
    return health;
  }

  /** The reply mailbox: replies go to {@code local-part+token@domain}. */
  public static class Reply {
    /** The local part of the reply mailbox, such as "dispatch". */
    private @Nullable String localPart;

    /** The domain of the reply mailbox; Message-IDs end in it too. */
    private @Nullable String domain;

    /** The key that signs new reply tokens (and verifies them). */
    private final Key signingKey = new Key();

    /** Retired keys that still verify the tokens they signed. */
    private List<Key> verifyingKeys = new ArrayList<>();

    /** The local part. */
    public @Nullable String getLocalPart() {
      return localPart;
    }

    /** Sets the local part. */
    public void setLocalPart(@Nullable String localPart) {
      this.localPart = localPart;
    }

    /** The domain. */
    public @Nullable String getDomain() {
      return domain;
    }

    /** Sets the domain. */
    public void setDomain(@Nullable String domain) {
      this.domain = domain;
    }

    /** The signing key. */
    public Key getSigningKey() {
      return signingKey;
    }

    /** The retired keys. */
    public List<Key> getVerifyingKeys() {
      return verifyingKeys;
    }

    /** Sets the retired keys. */
    public void setVerifyingKeys(List<Key> verifyingKeys) {
      this.verifyingKeys = verifyingKeys;
    }
  }

  /** One reply-token key. */
  public static class Key {
    /** The key id, 0 to 255, unique in the ring; it travels in every token. */
    private int id = 1;

    /**
     * The secret: at least 32 bytes of UTF-8 text, or "base64:" followed by at least 32 bytes in
     * Base64.
     */
    private @Nullable String secret;

    /** The key id. */
    public int getId() {
      return id;
    }

    /** Sets the key id. */
    public void setId(int id) {
      this.id = id;
    }

    /** The secret. */
    public @Nullable String getSecret() {
      return secret;
    }

    /** Sets the secret. */
    public void setSecret(@Nullable String secret) {
      this.secret = secret;
    }
  }

  /** The JDBC store. */
  public static class Store {
    /** The prefix of every table name; at most 30 characters. */
    private String tablePrefix = "dispatchkit_";

    /** Whether start-up brings the schema up to date with Flyway. */
    private boolean migrate = true;

    /** The base of the links attachments get in mail; none by default. */
    private @Nullable URI attachmentLinkBase;

    /** The table prefix. */
    public String getTablePrefix() {
      return tablePrefix;
    }

    /** Sets the table prefix. */
    public void setTablePrefix(String tablePrefix) {
      this.tablePrefix = tablePrefix;
    }

    /** Whether to migrate. */
    public boolean isMigrate() {
      return migrate;
    }

    /** Sets whether to migrate. */
    public void setMigrate(boolean migrate) {
      this.migrate = migrate;
    }

    /** The attachment link base. */
    public @Nullable URI getAttachmentLinkBase() {
      return attachmentLinkBase;
    }

    /** Sets the attachment link base. */
    public void setAttachmentLinkBase(@Nullable URI attachmentLinkBase) {
      this.attachmentLinkBase = attachmentLinkBase;
    }
  }

  /** What SMTP and IMAP settings share. */
  public static class Server {
    /** The server's host name or address. */
    private @Nullable String host;

    /** The port; by default the usual one for the security mode. */
    private @Nullable Integer port;

    /** How the connection is protected: NONE, STARTTLS (required) or IMPLICIT_TLS. */
    private MailSecurity security = MailSecurity.STARTTLS;

    /** The login; no authentication when unset. */
    private @Nullable String username;

    /** The password of the login. */
    private @Nullable String password;

    /** How long to wait for the TCP connection. */
    private Duration connectTimeout = Duration.ofSeconds(10);

    /** How long to wait for each server reply. */
    private Duration readTimeout = Duration.ofSeconds(30);

    /** How long a write to the server may block. */
    private Duration writeTimeout = Duration.ofSeconds(30);

    /** The host. */
    public @Nullable String getHost() {
      return host;
    }

    /** Sets the host. */
    public void setHost(@Nullable String host) {
      this.host = host;
    }

    /** The port, or null for the default. */
    public @Nullable Integer getPort() {
      return port;
    }

    /** Sets the port. */
    public void setPort(@Nullable Integer port) {
      this.port = port;
    }

    /** The security mode. */
    public MailSecurity getSecurity() {
      return security;
    }

    /** Sets the security mode. */
    public void setSecurity(MailSecurity security) {
      this.security = security;
    }

    /** The login. */
    public @Nullable String getUsername() {
      return username;
    }

    /** Sets the login. */
    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    /** The password. */
    public @Nullable String getPassword() {
      return password;
    }

    /** Sets the password. */
    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    /** The connect timeout. */
    public Duration getConnectTimeout() {
      return connectTimeout;
    }

    /** Sets the connect timeout. */
    public void setConnectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
    }

    /** The read timeout. */
    public Duration getReadTimeout() {
      return readTimeout;
    }

    /** Sets the read timeout. */
    public void setReadTimeout(Duration readTimeout) {
      this.readTimeout = readTimeout;
    }

    /** The write timeout. */
    public Duration getWriteTimeout() {
      return writeTimeout;
    }

    /** Sets the write timeout. */
    public void setWriteTimeout(Duration writeTimeout) {
      this.writeTimeout = writeTimeout;
    }
  }

  /** The SMTP server; its host is required unless the application defines a MailSender bean. */
  public static class Smtp extends Server {}

  /** The IMAP mailbox; without a host there is no mail source and no poll loop. */
  public static class Imap extends Server {
    /** The folder replies arrive in; it must exist. */
    private String inboxFolder = "INBOX";

    /** Where handled messages go; created when missing. */
    private String processedFolder = "Processed";

    /** Where set-aside messages go; created when missing. */
    private String quarantineFolder = "Quarantine";

    /** The largest message fetched; larger ones are quarantined unread. */
    private DataSize maxMessageSize = DataSize.ofMegabytes(25);

    /** How many failed attempts to handle a message send it to quarantine. */
    private int maxFailures = 3;

    /** The wait after the second failed connection in a row; it doubles up to the maximum. */
    private Duration reconnectBackoffInitial = Duration.ofSeconds(1);

    /** The longest wait between reconnect attempts. */
    private Duration reconnectBackoffMax = Duration.ofMinutes(5);

    /** How often to look for mail when the server offers no IDLE. */
    private Duration pollInterval = Duration.ofSeconds(30);

    /** Whether to use IMAP IDLE where the server offers it. */
    private boolean idle = true;

    /** The inbox folder. */
    public String getInboxFolder() {
      return inboxFolder;
    }

    /** Sets the inbox folder. */
    public void setInboxFolder(String inboxFolder) {
      this.inboxFolder = inboxFolder;
    }

    /** The processed folder. */
    public String getProcessedFolder() {
      return processedFolder;
    }

    /** Sets the processed folder. */
    public void setProcessedFolder(String processedFolder) {
      this.processedFolder = processedFolder;
    }

    /** The quarantine folder. */
    public String getQuarantineFolder() {
      return quarantineFolder;
    }

    /** Sets the quarantine folder. */
    public void setQuarantineFolder(String quarantineFolder) {
      this.quarantineFolder = quarantineFolder;
    }

    /** The largest message fetched. */
    public DataSize getMaxMessageSize() {
      return maxMessageSize;
    }

    /** Sets the largest message fetched. */
    public void setMaxMessageSize(DataSize maxMessageSize) {
      this.maxMessageSize = maxMessageSize;
    }

    /** The failures before quarantine. */
    public int getMaxFailures() {
      return maxFailures;
    }

    /** Sets the failures before quarantine. */
    public void setMaxFailures(int maxFailures) {
      this.maxFailures = maxFailures;
    }

    /** The initial reconnect backoff. */
    public Duration getReconnectBackoffInitial() {
      return reconnectBackoffInitial;
    }

    /** Sets the initial reconnect backoff. */
    public void setReconnectBackoffInitial(Duration reconnectBackoffInitial) {
      this.reconnectBackoffInitial = reconnectBackoffInitial;
    }

    /** The longest reconnect backoff. */
    public Duration getReconnectBackoffMax() {
      return reconnectBackoffMax;
    }

    /** Sets the longest reconnect backoff. */
    public void setReconnectBackoffMax(Duration reconnectBackoffMax) {
      this.reconnectBackoffMax = reconnectBackoffMax;
    }

    /** The poll interval without IDLE. */
    public Duration getPollInterval() {
      return pollInterval;
    }

    /** Sets the poll interval without IDLE. */
    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    /** Whether to use IDLE. */
    public boolean isIdle() {
      return idle;
    }

    /** Sets whether to use IDLE. */
    public void setIdle(boolean idle) {
      this.idle = idle;
    }
  }

  /** Response windows and the reschedule limit. */
  public static class Policies {
    /** How long a provider has to answer an urgent work order. */
    private Duration urgentResponse = Duration.ofMinutes(30);

    /** How long a provider has to answer a non-urgent work order. */
    private Duration nonUrgentResponse = Duration.ofHours(24);

    /** How many expected-date changes are tolerated. */
    private int rescheduleLimit = 2;

    /** The urgent response window. */
    public Duration getUrgentResponse() {
      return urgentResponse;
    }

    /** Sets the urgent response window. */
    public void setUrgentResponse(Duration urgentResponse) {
      this.urgentResponse = urgentResponse;
    }

    /** The non-urgent response window. */
    public Duration getNonUrgentResponse() {
      return nonUrgentResponse;
    }

    /** Sets the non-urgent response window. */
    public void setNonUrgentResponse(Duration nonUrgentResponse) {
      this.nonUrgentResponse = nonUrgentResponse;
    }

    /** The reschedule limit. */
    public int getRescheduleLimit() {
      return rescheduleLimit;
    }

    /** Sets the reschedule limit. */
    public void setRescheduleLimit(int rescheduleLimit) {
      this.rescheduleLimit = rescheduleLimit;
    }
  }

  /** Outbox retries and lease. */
  public static class Outbox {
    /** How many failed sends block a mail. */
    private int maxAttempts = 8;

    /** The wait after the first failed send; it doubles up to the maximum. */
    private Duration initialBackoff = Duration.ofMinutes(1);

    /** The longest wait between sends of one mail. */
    private Duration maxBackoff = Duration.ofHours(1);

    /** How long a relay holds claimed mail before another may take it. */
    private Duration lease = Duration.ofMinutes(5);

    /** The attempts before blocking. */
    public int getMaxAttempts() {
      return maxAttempts;
    }

    /** Sets the attempts before blocking. */
    public void setMaxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    /** The initial backoff. */
    public Duration getInitialBackoff() {
      return initialBackoff;
    }

    /** Sets the initial backoff. */
    public void setInitialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
    }

    /** The longest backoff. */
    public Duration getMaxBackoff() {
      return maxBackoff;
    }

    /** Sets the longest backoff. */
    public void setMaxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
    }

    /** The lease. */
    public Duration getLease() {
      return lease;
    }

    /** Sets the lease. */
    public void setLease(Duration lease) {
      this.lease = lease;
    }
  }

  /** Which attachments are accepted. */
  public static class Attachments {
    /** The accepted content types. */
    private List<String> contentTypes =
        new ArrayList<>(
            List.of("image/jpeg", "image/png", "image/gif", "image/webp", "application/pdf"));

    /** The largest attachment accepted. */
    private DataSize maxSize = DataSize.ofMegabytes(10);

    /** The accepted content types. */
    public List<String> getContentTypes() {
      return contentTypes;
    }

    /** Sets the accepted content types. */
    public void setContentTypes(List<String> contentTypes) {
      this.contentTypes = contentTypes;
    }

    /** The size limit. */
    public DataSize getMaxSize() {
      return maxSize;
    }

    /** Sets the size limit. */
    public void setMaxSize(DataSize maxSize) {
      this.maxSize = maxSize;
    }
  }

  /** The background runner. */
  public static class Runner {
    /** Whether the runner starts with the application; false on web-only nodes. */
    private boolean enabled = true;

    /** How often the inbox is polled (IDLE wakes it sooner). */
    private Duration pollInterval = Duration.ofSeconds(30);

    /** How often the outbox is relayed (a commit that queued mail wakes it sooner). */
    private Duration relayInterval = Duration.ofSeconds(10);

    /** How often overdue, late and reassignable work orders are swept. */
    private Duration sweepInterval = Duration.ofMinutes(5);

    /** How many messages one poll reads at most. */
    private int pollBatch = 50;

    /** Whether the poll loop waits on IMAP IDLE between polls. */
    private boolean idle = true;

    /** The wait after a loop's first failure; jittered, it doubles up to the maximum. */
    private Duration failureBackoffInitial = Duration.ofSeconds(1);

    /** The longest wait after failures. */
    private Duration failureBackoffMax = Duration.ofMinutes(5);

    /** How long shutdown waits for the work in hand. */
    private Duration shutdownTimeout = Duration.ofSeconds(30);

    /** Whether the runner is on. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Turns the runner on or off. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The poll interval. */
    public Duration getPollInterval() {
      return pollInterval;
    }

    /** Sets the poll interval. */
    public void setPollInterval(Duration pollInterval) {
      this.pollInterval = pollInterval;
    }

    /** The relay interval. */
    public Duration getRelayInterval() {
      return relayInterval;
    }

    /** Sets the relay interval. */
    public void setRelayInterval(Duration relayInterval) {
      this.relayInterval = relayInterval;
    }

    /** The sweep interval. */
    public Duration getSweepInterval() {
      return sweepInterval;
    }

    /** Sets the sweep interval. */
    public void setSweepInterval(Duration sweepInterval) {
      this.sweepInterval = sweepInterval;
    }

    /** The poll batch. */
    public int getPollBatch() {
      return pollBatch;
    }

    /** Sets the poll batch. */
    public void setPollBatch(int pollBatch) {
      this.pollBatch = pollBatch;
    }

    /** Whether to wait on IDLE. */
    public boolean isIdle() {
      return idle;
    }

    /** Sets whether to wait on IDLE. */
    public void setIdle(boolean idle) {
      this.idle = idle;
    }

    /** The initial failure backoff. */
    public Duration getFailureBackoffInitial() {
      return failureBackoffInitial;
    }

    /** Sets the initial failure backoff. */
    public void setFailureBackoffInitial(Duration failureBackoffInitial) {
      this.failureBackoffInitial = failureBackoffInitial;
    }

    /** The longest failure backoff. */
    public Duration getFailureBackoffMax() {
      return failureBackoffMax;
    }

    /** Sets the longest failure backoff. */
    public void setFailureBackoffMax(Duration failureBackoffMax) {
      this.failureBackoffMax = failureBackoffMax;
    }

    /** The shutdown timeout. */
    public Duration getShutdownTimeout() {
      return shutdownTimeout;
    }

    /** Sets the shutdown timeout. */
    public void setShutdownTimeout(Duration shutdownTimeout) {
      this.shutdownTimeout = shutdownTimeout;
    }
  }

  /** The "dispatchkit" health indicator. */
  public static class Health {
    /** Whether to check that the SMTP and IMAP servers answer. */
    private boolean checkServers = true;

    /** How long a server check waits for the server's greeting. */
    private Duration checkTimeout = Duration.ofSeconds(2);

    /** The oldest a pending mail may be before the outbox counts as unhealthy. */
    private Duration outboxMaxAge = Duration.ofHours(1);

    /**
     * The status an unhealthy outbox (blocked mail, or too old) reports: DOWN or OUT_OF_SERVICE.
     */
    private String outboxStatus = "DOWN";

    /** Whether to check the servers. */
    public boolean isCheckServers() {
      return checkServers;
    }

    /** Sets whether to check the servers. */
    public void setCheckServers(boolean checkServers) {
      this.checkServers = checkServers;
    }

    /** The check timeout. */
    public Duration getCheckTimeout() {
      return checkTimeout;
    }

    /** Sets the check timeout. */
    public void setCheckTimeout(Duration checkTimeout) {
      this.checkTimeout = checkTimeout;
    }

    /** The oldest pending age allowed. */
    public Duration getOutboxMaxAge() {
      return outboxMaxAge;
    }

    /** Sets the oldest pending age allowed. */
    public void setOutboxMaxAge(Duration outboxMaxAge) {
      this.outboxMaxAge = outboxMaxAge;
    }

    /** The status of an unhealthy outbox. */
    public String getOutboxStatus() {
      return outboxStatus;
    }

    /** Sets the status of an unhealthy outbox. */
    public void setOutboxStatus(String outboxStatus) {
      this.outboxStatus = outboxStatus;
    }
  }
}
