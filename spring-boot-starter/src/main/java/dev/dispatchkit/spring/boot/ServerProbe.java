package dev.dispatchkit.spring.boot;

import dev.dispatchkit.mail.MailSecurity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;

/**
 * Checks that a mail server answers: connects with a short timeout and reads its greeting, then
 * hangs up. It never logs in, so a health check neither holds the poller's IMAP connection nor
 * counts as a failed login.
 */
final class ServerProbe {

  private final String protocol;
  private final String host;
  private final int port;
  private final MailSecurity security;
  private final Duration timeout;
  private final String greeting;

  private ServerProbe(
      String protocol,
      String host,
      int port,
      MailSecurity security,
      Duration timeout,
      String greeting) {
    this.protocol = protocol;
    this.host = host;
    this.port = port;
    this.security = security;
    this.timeout = timeout;
    this.greeting = greeting;
  }

  /** A probe of the SMTP server: its greeting starts with 220. */
  static ServerProbe smtp(DispatchKitProperties.Server s, Duration timeout) {
    int port = s.getPort() != null ? s.getPort() : defaultPort(s.getSecurity(), 25, 587, 465);
    return new ServerProbe("smtp", s.getHost(), port, s.getSecurity(), timeout, "220");
  }

  /** A probe of the IMAP server: its greeting starts with "* OK" (or "* PREAUTH"). */
  static ServerProbe imap(DispatchKitProperties.Server s, Duration timeout) {
    int port = s.getPort() != null ? s.getPort() : defaultPort(s.getSecurity(), 143, 143, 993);
    return new ServerProbe("imap", s.getHost(), port, s.getSecurity(), timeout, "* ");
  }

  private static int defaultPort(MailSecurity security, int none, int startTls, int implicit) {
    return switch (security) {
      case NONE -> none;
      case STARTTLS -> startTls;
      case IMPLICIT_TLS -> implicit;
    };
  }

  /** The server, as {@code host:port}. */
  String server() {
    return host + ":" + port;
  }

  /** Empty when the server greeted; otherwise why not, in one line. */
  Optional<String> check() {
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    try (Socket socket = open(millis)) {
      socket.setSoTimeout(millis);
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      String line = in.readLine();
      if (line == null) {
        return Optional.of(protocol + " server closed the connection without a greeting");
      }
      if (!line.startsWith(greeting)) {
        return Optional.of(protocol + " server greeted with: " + shorten(line));
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private Socket open(int millis) throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(host, port), millis);
      if (security == MailSecurity.IMPLICIT_TLS) {
        return ((SSLSocketFactory) SSLSocketFactory.getDefault())
            .createSocket(plain, host, port, true);
      }
      return plain;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private static String shorten(String line) {
    return line.length() > 80 ? line.substring(0, 80) + "..." : line;
  }
}
