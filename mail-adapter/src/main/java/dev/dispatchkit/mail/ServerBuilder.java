package dev.dispatchkit.mail;

import dev.dispatchkit.error.ConfigurationException;
import java.time.Clock;
import java.time.Duration;
import javax.net.ssl.SSLSocketFactory;

/**
 * The connection settings that {@link SmtpMailSender.Builder} and {@link ImapMailSource.Builder}
 * share: host, port, security, credentials, timeouts, TLS socket factory and clock. Each setter
 * rejects a bad value at once with a {@link ConfigurationException} naming the setting. Not
 * thread-safe.
 *
 * <p>Only this package's builders extend it: the constructor is package-private.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class ServerBuilder<B extends ServerBuilder<B>> {

  private final ServerSettings.Draft server;
  private final int nonePort;
  private final int starttlsPort;
  private final int implicitTlsPort;
  private Clock clock = Clock.systemUTC();

  /** A builder for {@code protocol} whose default port follows the security, in this order. */
  ServerBuilder(String protocol, int nonePort, int starttlsPort, int implicitTlsPort) {
    this.server = new ServerSettings.Draft(protocol);
    this.nonePort = nonePort;
    this.starttlsPort = starttlsPort;
    this.implicitTlsPort = implicitTlsPort;
  }

  /**
   * This builder as its own type, for the setters' return values. The cast holds: the only
   * subclasses are this package's builders, each declared as {@code extends
   * ServerBuilder<Builder>}.
   */
  @SuppressWarnings("unchecked")
  private B self() {
    return (B) this;
  }

  /** The server's host name or address. Required. */
  public B host(String host) {
    server.host(host);
    return self();
  }

  /**
   * The port; by default the standard port for the security: SMTP 25 for NONE, 587 for STARTTLS,
   * 465 for IMPLICIT_TLS; IMAP 143 for NONE and STARTTLS, 993 for IMPLICIT_TLS.
   */
  public B port(int port) {
    server.port(port);
    return self();
  }

  /** How the connection is protected; STARTTLS (required, not opportunistic) by default. */
  public B security(MailSecurity security) {
    server.security(security);
    return self();
  }

  /**
   * Authenticates with these credentials (for IMAP, the mailbox's login); no authentication by
   * default.
   */
  public B credentials(String username, String password) {
    server.credentials(username, password);
    return self();
  }

  /** How long to wait for the TCP connection; 10 s by default. */
  public B connectTimeout(Duration timeout) {
    server.connectTimeout(timeout);
    return self();
  }

  /**
   * How long to wait for each server reply; 30 s by default. An IMAP {@code IDLE} is renewed every
   * half of it.
   */
  public B readTimeout(Duration timeout) {
    server.readTimeout(timeout);
    return self();
  }

  /** How long a write to the server may block; 30 s by default. */
  public B writeTimeout(Duration timeout) {
    server.writeTimeout(timeout);
    return self();
  }

  /**
   * The factory for TLS sockets, to trust a private certificate authority; the JDK's default trust
   * store otherwise. Only with STARTTLS or IMPLICIT_TLS.
   */
  public B sslSocketFactory(SSLSocketFactory factory) {
    server.sslSocketFactory(factory);
    return self();
  }

  /**
   * The clock: for SMTP it dates each mail ({@code Date} header), for IMAP it times the reconnect
   * backoff and the quarantine; the system UTC clock by default.
   */
  public B clock(Clock clock) {
    if (clock == null) {
      throw new ConfigurationException("clock", "must not be null");
    }
    this.clock = clock;
    return self();
  }

  /** The clock as set. */
  final Clock clock() {
    return clock;
  }

  /**
   * The settings as set so far, with the default port filled in.
   *
   * @throws ConfigurationException naming the setting that is missing or inconsistent
   */
  final ServerSettings serverSettings() {
    return server.build(nonePort, starttlsPort, implicitTlsPort);
  }
}
