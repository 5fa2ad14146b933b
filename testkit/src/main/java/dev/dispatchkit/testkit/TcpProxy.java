package dev.dispatchkit.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay on the loopback interface in front of a test server (a mail server, a database) that
 * can cut every open connection, or refuse new ones, while the server itself lives on: a dropped
 * connection or an outage, on demand. Point the adapter under test at {@link #port()}.
 *
 * <pre>{@code
 * try (TcpProxy proxy = new TcpProxy(greenMail.getImap().getPort())) {
 *   ImapMailSource source = JakartaMail.imap().host("127.0.0.1").port(proxy.port())...build();
 *   proxy.cutAll(); // the next poll must reconnect
 * }
 * }</pre>
 */
public final class TcpProxy implements AutoCloseable {

  private final ServerSocket listener;
  private final int targetPort;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean refusing;

  /**
   * Starts relaying from a free loopback port to {@code targetPort} on the loopback interface.
   *
   * @throws IOException when no port can be opened
   */
  public TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "tcp-proxy-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The port to connect to instead of the server's. */
  public int port() {
    return listener.getLocalPort();
  }

  /** Connections accepted so far, refused ones included. */
  public int accepted() {
    return accepted.get();
  }

  /** Closes every relayed connection, as a server or a NAT box dropping them would. */
  public void cutAll() {
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  /** While true, new connections are accepted and closed at once: the server looks down. */
  public void refuse(boolean refusing) {
    this.refusing = refusing;
    if (refusing) {
      cutAll();
    }
  }

  @Override
  public void close() {
    closeQuietly(listener);
    cutAll();
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        accepted.incrementAndGet();
        if (refusing) {
          client.close();
          continue;
        }
        Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        open.add(client);
        open.add(server);
        pump(client, server);
        pump(server, client);
      } catch (IOException e) {
        // Listener closed, or the target is gone: the client sees a closed connection.
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // One side went away.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Already closed.
    }
  }
}
