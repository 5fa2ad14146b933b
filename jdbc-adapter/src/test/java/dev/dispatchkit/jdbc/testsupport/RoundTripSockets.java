package dev.dispatchkit.jdbc.testsupport;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * A socket factory for pgjdbc (its {@code socketFactory} and {@code socketFactoryArg} connection
 * properties) whose sockets count network round trips, where {@link RoundTripCounter} counts JDBC
 * calls: each time the driver reads from a socket after writing to it, it waits for the server
 * once. Writes sent one after another without a read between (pgjdbc's {@code BEGIN} before the
 * first statement of a transaction) count once; a call that sends nothing counts nothing.
 *
 * <p>pgjdbc makes the factory from its class name and argument, so the counts live here, by the
 * argument: {@link #newCounter()} names one, which the data source passes as {@code
 * socketFactoryArg}.
 */
public final class RoundTripSockets extends SocketFactory {
  private static final ConcurrentMap<String, AtomicLong> COUNTERS = new ConcurrentHashMap<>();

  private final AtomicLong roundTrips;

  /** Used by the driver: sockets counting into the counter named {@code counter}. */
  public RoundTripSockets(String counter) {
    AtomicLong known = COUNTERS.get(counter);
    if (known == null) {
      throw new IllegalArgumentException("no counter named " + counter);
    }
    this.roundTrips = known;
  }

  /** A new counter at zero; its name goes in {@code socketFactoryArg}. */
  public static String newCounter() {
    String name = UUID.randomUUID().toString();
    COUNTERS.put(name, new AtomicLong());
    return name;
  }

  /** The round trips counted since the counter's last reset, over all its connections. */
  public static long roundTrips(String counter) {
    return COUNTERS.get(counter).get();
  }

  /** Sets the counter to zero. */
  public static void reset(String counter) {
    COUNTERS.get(counter).set(0);
  }

  /** Forgets the counter. */
  public static void remove(String counter) {
    COUNTERS.remove(counter);
  }

  @Override
  public Socket createSocket() {
    return new CountingSocket(roundTrips);
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(address, port), new InetSocketAddress(localAddress, localPort));
  }

  private Socket connected(InetSocketAddress remote, @Nullable InetSocketAddress local)
      throws IOException {
    Socket socket = createSocket();
    if (local != null) {
      socket.bind(local);
    }
    socket.connect(remote);
    return socket;
  }

  /** A socket whose first read after a write counts a round trip. */
  private static final class CountingSocket extends Socket {
    private final AtomicLong roundTrips;
    // Only the connection's thread reads and writes it, one at a time.
    private boolean wrote;
    private InputStream input;
    private OutputStream output;

    CountingSocket(AtomicLong roundTrips) {
      this.roundTrips = roundTrips;
    }

    private void beforeRead() {
      if (wrote) {
        wrote = false;
        roundTrips.incrementAndGet();
      }
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        input =
            new FilterInputStream(super.getInputStream()) {
              @Override
              public int read() throws IOException {
                beforeRead();
                return super.read();
              }

              @Override
              public int read(byte[] b, int off, int len) throws IOException {
                beforeRead();
                return super.read(b, off, len);
              }
            };
      }
      return input;
    }

    @Override
    public synchronized OutputStream getOutputStream() throws IOException {
      if (output == null) {
        output =
            new FilterOutputStream(super.getOutputStream()) {
              @Override
              public void write(int b) throws IOException {
                wrote = true;
                super.write(b);
              }

              @Override
              public void write(byte[] b, int off, int len) throws IOException {
                wrote = true;
                // The target's own bulk write, not FilterOutputStream's byte by byte.
                out.write(b, off, len);
              }
            };
      }
      return output;
    }
  }
}
