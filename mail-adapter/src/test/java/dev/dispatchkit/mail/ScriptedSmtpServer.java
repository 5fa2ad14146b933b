package dev.dispatchkit.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * An SMTP server that greets, accepts EHLO and MAIL FROM, and answers every RCPT TO with one fixed
 * reply, such as {@code 550 5.1.1 no such user}: how a real server refuses a recipient.
 */
final class ScriptedSmtpServer implements AutoCloseable {

  private final ServerSocket listener;
  private final String rcptReply;

  ScriptedSmtpServer(String rcptReply) throws IOException {
    this.rcptReply = rcptReply;
    this.listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serve, "scripted-smtp");
    t.setDaemon(true);
    t.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  private void serve() {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept();
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))) {
        OutputStream out = socket.getOutputStream();
        reply(out, "220 scripted ESMTP");
        for (String line; (line = in.readLine()) != null; ) {
          String verb = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
          switch (verb) {
            case "EHLO", "HELO" -> reply(out, "250 scripted");
            case "MAIL", "RSET", "NOOP" -> reply(out, "250 2.0.0 ok");
            case "RCPT" -> reply(out, rcptReply);
            case "QUIT" -> {
              reply(out, "221 bye");
              socket.close();
            }
            default -> reply(out, "502 5.5.2 not implemented");
          }
        }
      } catch (IOException e) {
        // Closed.
      }
    }
  }

  private static void reply(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }
}
