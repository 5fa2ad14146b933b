package dev.dispatchkit.devserver;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.mail.JakartaMail;
import dev.dispatchkit.mail.MailSecurity;
import dev.dispatchkit.mail.SmtpMailSender;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An embedded SMTP and IMAP server (GreenMail) for local development and host tests, with plus
 * addressing: mail to {@code dispatch+<token>@host.example} lands in the mailbox of {@code
 * dispatch@host.example}, as on a real server configured for DispatchKit. It gives the {@link
 * JakartaMail} builders that match it (plain connections, no TLS), and plays the other parties:
 * {@link #messages} reads a mailbox and {@link #send}/{@link #reply} send mail as a provider's mail
 * program would.
 *
 * <pre>{@code
 * try (DevMailServer mail = DevMailServer.builder().mailbox("dispatch@host.example", "pw").build()) {
 *   SmtpMailSender sender = mail.smtp().build();
 *   ImapMailSource inbox = mail.imap("dispatch@host.example").build();
 *   ...
 * }
 * }</pre>
 *
 * <p>A mailbox logs in with its full address as the user name unless created with another login. A
 * mailbox that does not exist yet is created, with its address as password, by the first mail to it
 * or by the first {@link #imap} or {@link #messages} call on it. Thread-safe. {@link #close()}
 * stops the servers and their threads; it does not close the senders and sources built from it.
 */
public final class DevMailServer implements AutoCloseable {

  /** The loopback address the servers listen on unless another host is set: {@value}. */
  public static final String LOOPBACK = "127.0.0.1";

  /** How long the builders' connections and this server's own clients wait, unless set. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final GreenMail greenMail;
  private final String host;
  private final Duration timeout;
  private final Session session;
  private final Map<String, Login> logins = new ConcurrentHashMap<>();

  private DevMailServer(Builder b) {
    this.host = b.host;
    this.timeout = b.timeout;
    ServerSetup smtp = setup(b.smtpPort, ServerSetup.PROTOCOL_SMTP);
    ServerSetup imap = setup(b.imapPort, ServerSetup.PROTOCOL_IMAP);
    greenMail =
        new GreenMail(new ServerSetup[] {smtp, imap})
            // Plus addressing: "user+detail@domain" is delivered to "user@domain".
            .withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail());
    boolean started = false;
    try {
      greenMail.start();
      session = Session.getInstance(clientProperties());
      b.mailboxes.forEach((address, login) -> createMailbox(address, login.user, login.password));
      started = true;
    } finally {
      if (!started) {
        greenMail.stop();
      }
    }
  }

  /** A builder of a server on free loopback ports. */
  public static Builder builder() {
    return new Builder();
  }

  /** The host the servers listen on. */
  public String host() {
    return host;
  }

  /** The SMTP port: the one set, or the free one chosen at start. */
  public int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  /** The IMAP port: the one set, or the free one chosen at start. */
  public int imapPort() {
    return greenMail.getImap().getPort();
  }

  /**
   * Creates a mailbox that logs in with its address; replaces the password of an existing one.
   *
   * @throws ConfigurationException if the address is not a plain address or has a {@code +} tag
   */
  public void createMailbox(String address, String password) {
    createMailbox(address, address, password);
  }

  /**
   * Creates a mailbox that logs in with {@code login}, as some servers use a short user name.
   *
   * @throws ConfigurationException if the address is not a plain address or has a {@code +} tag, or
   *     the login or password is blank
   */
  public void createMailbox(String address, String login, String password) {
    String checked = checkMailbox(address);
    checkNotBlank("login", login);
    checkNotBlank("password", password);
    greenMail.setUser(checked, login, password);
    logins.put(checked, new Login(login, password));
  }

  /**
   * An SMTP sender's builder for this server: host, port, no TLS, no authentication and the
   * server's timeout. Add a clock or other settings, then build.
   */
  public SmtpMailSender.Builder smtp() {
    return JakartaMail.smtp()
        .host(host)
        .port(smtpPort())
        .security(MailSecurity.NONE)
        .connectTimeout(timeout)
        .readTimeout(timeout);
  }

  /**
   * An IMAP source's builder on the inbox of {@code address}: host, port, no TLS, the mailbox's
   * login and the server's timeout. Add a quarantine callback, a clock or other settings, then
   * build; close the source when done.
   *
   * @throws ConfigurationException if the address is not a plain address
   */
  public ImapMailSource.Builder imap(String address) {
    Login login = login(address);
    return JakartaMail.imap()
        .host(host)
        .port(imapPort())
        .security(MailSecurity.NONE)
        .credentials(login.user, login.password)
        .connectTimeout(timeout)
        .readTimeout(timeout);
  }

  /**
   * Every message in the inbox of {@code address}, oldest first, read over IMAP without marking
   * them seen. The messages are copies that stay readable after the connection is closed.
   *
   * @throws ConfigurationException if the address is not a plain address
   * @throws IllegalStateException if the mailbox cannot be read
   */
  public List<MimeMessage> messages(String address) {
    return read(address, false);
  }

  /**
   * The messages in the inbox of {@code address} that are not yet seen, oldest first, which are
   * then marked seen: each call returns only what arrived since the last one, as a mail program
   * shows new mail.
   *
   * @throws ConfigurationException if the address is not a plain address
   * @throws IllegalStateException if the mailbox cannot be read
   */
  public List<MimeMessage> newMessages(String address) {
    return read(address, true);
  }

  /**
   * Waits until the inbox of {@code address} holds at least {@code count} messages, and returns
   * them all; polls every 20 ms, at most for the server's timeout.
   *
   * @throws IllegalStateException if they do not arrive in time
   */
  public List<MimeMessage> awaitMessages(String address, int count) {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<MimeMessage> found = messages(address);
    while (found.size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            String.format(
                Locale.ROOT,
                "%s holds %d message(s) after %s, expected %d",
                address,
                found.size(),
                timeout,
                count));
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for mail to " + address, e);
      }
      found = messages(address);
    }
    return found;
  }

  /** A Jakarta Mail session on this server, for writing messages to {@link #send}. */
  public Session session() {
    return session;
  }

  /**
   * Sends messages over one SMTP connection to their header recipients, as another party's mail
   * program would.
   *
   * @throws IllegalStateException if the server refuses them
   */
  public void send(MimeMessage... messages) {
    try (Transport transport = session.getTransport("smtp")) {
      transport.connect();
      for (MimeMessage message : messages) {
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
      }
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot send over SMTP: " + e.getMessage(), e);
    }
  }

  /**
   * Answers {@code original} as its recipient would: from its first {@code To} address to its
   * {@code Reply-To} (or {@code From}), subject {@code RE: ...}, with {@code In-Reply-To} and
   * {@code References}, and {@code text} as the plain-text body.
   *
   * @return the reply as sent
   * @throws IllegalStateException if the original has no recipient or the server refuses the reply
   */
  public MimeMessage reply(MimeMessage original, String text) {
    Objects.requireNonNull(text, "text");
    try {
      MimeMessage reply = (MimeMessage) original.reply(false);
      jakarta.mail.Address[] to = original.getRecipients(Message.RecipientType.TO);
      if (to == null || to.length == 0) {
        throw new IllegalStateException("the original has no To address to reply from");
      }
      reply.setFrom(to[0]);
      reply.setText(text, "UTF-8");
      send(reply);
      return reply;
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot write the reply: " + e.getMessage(), e);
    }
  }

  /** The embedded GreenMail, for what this class does not cover. */
  public GreenMail greenMail() {
    return greenMail;
  }

  /** Stops the servers and their threads. Safe to call twice. */
  @Override
  public void close() {
    greenMail.stop();
  }

  @Override
  public String toString() {
    return "DevMailServer[smtp "
        + host
        + ":"
        + smtpPort()
        + ", imap "
        + host
        + ":"
        + imapPort()
        + "]";
  }

  private ServerSetup setup(int port, String protocol) {
    ServerSetup setup = new ServerSetup(port, host, protocol);
    // Port 0 asks for a free port; the startup wait also covers a loaded machine.
    setup = port == 0 ? setup.dynamicPort() : setup;
    setup.setServerStartupTimeout(timeout.toMillis());
    return setup;
  }

  private List<MimeMessage> read(String address, boolean onlyNew) {
    Login login = login(address);
    try (Store store = session.getStore("imap")) {
      store.connect(host, imapPort(), login.user, login.password);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(onlyNew ? Folder.READ_WRITE : Folder.READ_ONLY);
      try {
        List<MimeMessage> copies = new ArrayList<>();
        for (Message message : inbox.getMessages()) {
          if (onlyNew && message.isSet(Flags.Flag.SEEN)) {
            continue;
          }
          // Copying reads the whole message, which would mark it seen on a read-write folder.
          copies.add(new MimeMessage((MimeMessage) message));
          if (onlyNew) {
            message.setFlag(Flags.Flag.SEEN, true);
          }
        }
        return copies;
      } finally {
        inbox.close(false);
      }
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read the mailbox of " + address, e);
    }
  }

  private Login login(String address) {
    String checked = checkMailbox(address);
    // As GreenMail does on first delivery: a new mailbox logs in with its address as password.
    return logins.computeIfAbsent(
        checked,
        a -> {
          greenMail.setUser(a, a, a);
          return new Login(a, a);
        });
  }

  private Properties clientProperties() {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", host);
    props.setProperty("mail.smtp.port", Integer.toString(smtpPort()));
    props.setProperty("mail.imap.host", host);
    props.setProperty("mail.imap.port", Integer.toString(imapPort()));
    // Reading a message's content must not mark it seen: only newMessages does.
    props.setProperty("mail.imap.peek", "true");
    String millis = Long.toString(timeout.toMillis());
    for (String protocol : List.of("smtp", "imap")) {
      props.setProperty("mail." + protocol + ".connectiontimeout", millis);
      props.setProperty("mail." + protocol + ".timeout", millis);
    }
    return props;
  }

  private static String checkMailbox(String address) {
    if (address == null || address.isBlank()) {
      throw new ConfigurationException("address", "must not be blank");
    }
    try {
      InternetAddress parsed = new InternetAddress(address, true);
      String plain = parsed.getAddress();
      int at = plain.indexOf('@');
      if (!plain.equals(address) || at < 1 || at == plain.length() - 1) {
        throw new ConfigurationException(
            "address", "'" + address + "' is not a plain address such as dispatch@host.example");
      }
      if (plain.substring(0, at).contains("+")) {
        throw new ConfigurationException(
            "address",
            "'" + address + "' has a + tag; mail to tagged addresses lands in the base mailbox");
      }
      return plain.toLowerCase(Locale.ROOT);
    } catch (AddressException e) {
      throw new ConfigurationException("address", "'" + address + "' is not an address");
    }
  }

  private static void checkNotBlank(String setting, String value) {
    if (value == null || value.isBlank()) {
      throw new ConfigurationException(setting, "must not be blank");
    }
  }

  private record Login(String user, String password) {}

  /** Settings of a {@link DevMailServer}; every setter rejects a bad value at once. */
  public static final class Builder {
    private String host = LOOPBACK;
    private int smtpPort;
    private int imapPort;
    private Duration timeout = DEFAULT_TIMEOUT;
    private final Map<String, Login> mailboxes = new LinkedHashMap<>();

    private Builder() {}

    /**
     * The address to listen on; {@value #LOOPBACK} by default, so nothing outside this machine can
     * connect.
     *
     * @throws ConfigurationException if blank or not a host name or address
     */
    public Builder host(String host) {
      if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.:\\-\\[\\]]+")) {
        throw new ConfigurationException("host", "'" + host + "' is not a host name or address");
      }
      this.host = host;
      return this;
    }

    /**
     * The SMTP port; 0, the default, picks a free one at start.
     *
     * @throws ConfigurationException unless 0 to 65535
     */
    public Builder smtpPort(int port) {
      this.smtpPort = checkPort("smtpPort", port);
      return this;
    }

    /**
     * The IMAP port; 0, the default, picks a free one at start.
     *
     * @throws ConfigurationException unless 0 to 65535
     */
    public Builder imapPort(int port) {
      this.imapPort = checkPort("imapPort", port);
      return this;
    }

    /**
     * How long the servers may take to start, and the connect and read timeout of the builders and
     * of this server's own clients; {@link #DEFAULT_TIMEOUT} by default.
     *
     * @throws ConfigurationException unless positive and at most a day
     */
    public Builder timeout(Duration timeout) {
      if (timeout == null
          || timeout.isNegative()
          || timeout.isZero()
          || timeout.compareTo(Duration.ofDays(1)) > 0) {
        throw new ConfigurationException("timeout", "must be positive and at most a day");
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * A mailbox to create at start, logging in with its address.
     *
     * @throws ConfigurationException if the address is not a plain address, has a {@code +} tag or
     *     is already listed, or the password is blank
     */
    public Builder mailbox(String address, String password) {
      String checked = checkMailbox(address);
      checkNotBlank("password", password);
      if (mailboxes.containsKey(checked)) {
        throw new ConfigurationException("address", address + " is listed twice");
      }
      mailboxes.put(checked, new Login(checked, password));
      return this;
    }

    /**
     * Starts the server.
     *
     * @throws ConfigurationException if the SMTP and IMAP ports are the same
     * @throws IllegalStateException if a server cannot start, such as on a port in use
     */
    public DevMailServer build() {
      if (smtpPort != 0 && smtpPort == imapPort) {
        throw new ConfigurationException(
            "imapPort", "must differ from smtpPort, both are " + smtpPort);
      }
      return new DevMailServer(this);
    }

    private static int checkPort(String setting, int port) {
      if (port < 0 || port > 65_535) {
        throw new ConfigurationException(setting, "must be 0 (a free port) to 65535, was " + port);
      }
      return port;
    }
  }
}
