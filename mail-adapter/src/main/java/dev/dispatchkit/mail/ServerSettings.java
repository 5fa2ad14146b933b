package dev.dispatchkit.mail;

import dev.dispatchkit.error.ConfigurationException;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * Where and how to reach one mail server: what the SMTP and IMAP builders share.
 *
 * @param protocol {@code smtp} or {@code imap}; the prefix of the Jakarta Mail properties
 * @param port the port; never 0 once built
 */
record ServerSettings(
    String protocol,
    String host,
    int port,
    MailSecurity security,
    @Nullable String username,
    @Nullable String password,
    Duration connectTimeout,
    Duration readTimeout,
    Duration writeTimeout,
    @Nullable SSLSocketFactory sslSocketFactory) {

  static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
  static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

  ServerSettings {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(writeTimeout, "writeTimeout");
  }

  /** The Jakarta Mail session properties for these settings. */
  Properties toProperties() {
    String p = "mail." + protocol + ".";
    Properties props = new Properties();
    props.setProperty(p + "host", host);
    props.setProperty(p + "port", Integer.toString(port));
    props.setProperty(p + "connectiontimeout", Long.toString(connectTimeout.toMillis()));
    props.setProperty(p + "timeout", Long.toString(readTimeout.toMillis()));
    props.setProperty(p + "writetimeout", Long.toString(writeTimeout.toMillis()));
    switch (security) {
      case NONE -> {}
      case STARTTLS -> {
        props.setProperty(p + "starttls.enable", "true");
        // Without "required", Jakarta Mail silently carries on in clear text.
        props.setProperty(p + "starttls.required", "true");
        props.setProperty(p + "ssl.checkserveridentity", "true");
      }
      case IMPLICIT_TLS -> {
        props.setProperty(p + "ssl.enable", "true");
        // Jakarta Mail does not check the certificate's host name unless told to.
        props.setProperty(p + "ssl.checkserveridentity", "true");
      }
    }
    if (sslSocketFactory != null) {
      props.put(p + "ssl.socketFactory", sslSocketFactory);
    }
    if (username != null) {
      props.setProperty(p + "auth", "true");
    }
    return props;
  }

  /** Keeps the password out of logs. */
  @Override
  public String toString() {
    return protocol
        + "://"
        + (username == null ? "" : username + "@")
        + host
        + ":"
        + port
        + " ("
        + security
        + ")";
  }

  /** Collects the shared settings for a builder, checking each as it is set. Not thread-safe. */
  static final class Draft {
    private final String protocol;
    private @Nullable String host;
    private int port;
    private MailSecurity security = MailSecurity.STARTTLS;
    private @Nullable String username;
    private @Nullable String password;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration writeTimeout = DEFAULT_WRITE_TIMEOUT;
    private @Nullable SSLSocketFactory sslSocketFactory;

    Draft(String protocol) {
      this.protocol = protocol;
    }

    void host(String host) {
      if (host == null || host.isBlank()) {
        throw new ConfigurationException("host", "must not be blank");
      }
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        if (c <= 0x20 || c >= 0x7f || c == '/' || c == '@') {
          throw new ConfigurationException("host", "'" + host + "' is not a host name or address");
        }
      }
      this.host = host;
    }

    void port(int port) {
      if (port < 1 || port > 65_535) {
        throw new ConfigurationException("port", "must be between 1 and 65535, was " + port);
      }
      this.port = port;
    }

    void security(MailSecurity security) {
      if (security == null) {
        throw new ConfigurationException("security", "must not be null");
      }
      this.security = security;
    }

    void credentials(String username, String password) {
      if (username == null || username.isBlank()) {
        throw new ConfigurationException("username", "must not be blank");
      }
      if (password == null) {
        throw new ConfigurationException("password", "must not be null");
      }
      this.username = username;
      this.password = password;
    }

    void connectTimeout(Duration timeout) {
      this.connectTimeout = checkTimeout("connectTimeout", timeout);
    }

    void readTimeout(Duration timeout) {
      this.readTimeout = checkTimeout("readTimeout", timeout);
    }

    void writeTimeout(Duration timeout) {
      this.writeTimeout = checkTimeout("writeTimeout", timeout);
    }

    void sslSocketFactory(SSLSocketFactory factory) {
      if (factory == null) {
        throw new ConfigurationException("sslSocketFactory", "must not be null");
      }
      this.sslSocketFactory = factory;
    }

    ServerSettings build(int nonePort, int starttlsPort, int implicitTlsPort) {
      if (host == null) {
        throw new ConfigurationException("host", "is required");
      }
      if (sslSocketFactory != null && security == MailSecurity.NONE) {
        throw new ConfigurationException(
            "sslSocketFactory", "is set but security is NONE; choose STARTTLS or IMPLICIT_TLS");
      }
      int effectivePort =
          port != 0
              ? port
              : switch (security) {
                case NONE -> nonePort;
                case STARTTLS -> starttlsPort;
                case IMPLICIT_TLS -> implicitTlsPort;
              };
      return new ServerSettings(
          protocol,
          host,
          effectivePort,
          security,
          username,
          password,
          connectTimeout,
          readTimeout,
          writeTimeout,
          sslSocketFactory);
    }

    static Duration checkTimeout(String setting, Duration timeout) {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw new ConfigurationException(setting, "must be positive");
      }
      // Jakarta Mail reads its timeouts as int milliseconds.
      if (timeout.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
        throw new ConfigurationException(setting, "must be at most " + Integer.MAX_VALUE + " ms");
      }
      return timeout;
    }
  }
}
