package dev.dispatchkit.mail.internal;

import jakarta.mail.internet.SharedInputStream;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The raw bytes of one message: in memory up to a threshold, beyond it in a temporary file, so that
 * a 50 MB message costs a file, not 50 MB of heap. Jakarta Mail reads it as a {@link
 * SharedInputStream}: a parsed part keeps only its offsets into the spool, and its content is
 * decoded as a stream, so an attachment is never held whole either.
 *
 * <p>Closing the spool deletes the file and makes every stream over it fail; a part read after that
 * fails with an {@link IOException}. Why a stream of our own and not {@code
 * jakarta.mail.util.SharedFileInputStream}: that one counts its sub-streams and closes the file
 * only when all are closed, and the parts of a parsed message never close theirs, so its file would
 * stay open until finalisation and, on Windows, could not be deleted. A {@link RandomAccessFile}
 * rather than a {@code FileChannel}: an interrupt would close a channel under every reader.
 */
public final class Spool implements AutoCloseable {

  /** What the read buffer of a stream over a spool file holds. */
  private static final int READ_BUFFER = 8 * 1024;

  private final long size;
  private final byte @Nullable [] bytes;
  private final @Nullable Path file;
  private final @Nullable RandomAccessFile reader;
  private volatile boolean closed;

  private Spool(byte[] bytes) {
    this.size = bytes.length;
    this.bytes = bytes;
    this.file = null;
    this.reader = null;
  }

  private Spool(Path file, RandomAccessFile reader, long size) {
    this.size = size;
    this.bytes = null;
    this.file = file;
    this.reader = reader;
  }

  /**
   * Where and from what size messages spill to disk.
   *
   * @param threshold the most bytes kept in memory; a larger message goes to a file
   * @param directory where the files go
   */
  public record Policy(int threshold, Path directory) {
    /** Checks the parts. */
    public Policy {
      if (threshold < 0) {
        throw new IllegalArgumentException("threshold must be 0 or more, was " + threshold);
      }
      Objects.requireNonNull(directory, "directory");
    }

    /** A writer for one message of at most {@code limit} bytes. */
    public Writer writer(long limit) {
      return new Writer(this, limit);
    }

    /**
     * Reads the stream to its end into a spool, or empty as soon as it passes {@code limit} bytes
     * (then nothing is kept). The stream is not closed.
     */
    public Optional<Spool> read(InputStream in, long limit) throws IOException {
      try (Writer writer = writer(limit)) {
        byte[] buffer = new byte[READ_BUFFER];
        for (int n; (n = in.read(buffer)) >= 0; ) {
          if (!writer.write(buffer, 0, n)) {
            return Optional.empty();
          }
        }
        return Optional.of(writer.finish());
      }
    }
  }

  /**
   * Writes one message into a spool. Closing a writer that did not {@link #finish} deletes what it
   * wrote. Not thread-safe.
   */
  public static final class Writer implements AutoCloseable {
    private final Policy policy;
    private final long limit;
    private byte[] memory = new byte[0];
    private long size;
    private @Nullable Path file;
    private @Nullable OutputStream out;
    private boolean done;

    private Writer(Policy policy, long limit) {
      this.policy = policy;
      this.limit = limit;
    }

    /**
     * Appends bytes; returns false, and keeps nothing more, once the message passes the limit.
     *
     * @throws IOException when the file cannot be written
     */
    public boolean write(byte[] buffer, int offset, int length) throws IOException {
      Objects.checkFromIndexSize(offset, length, buffer.length);
      if (done) {
        throw new IllegalStateException("the writer is finished or closed");
      }
      if (size + length > limit) {
        close();
        return false;
      }
      if (out == null && size + length > policy.threshold()) {
        Path spill = Files.createTempFile(policy.directory(), "dispatchkit-mail-", ".eml");
        file = spill;
        out = new BufferedOutputStream(Files.newOutputStream(spill), READ_BUFFER);
        out.write(memory, 0, (int) size);
        memory = new byte[0];
      }
      if (out != null) {
        out.write(buffer, offset, length);
      } else {
        int needed = (int) (size + length);
        if (needed > memory.length) {
          memory =
              Arrays.copyOf(
                  memory, (int) Math.min(policy.threshold(), Math.max(needed, 2L * size)));
        }
        System.arraycopy(buffer, offset, memory, (int) size, length);
      }
      size += length;
      return true;
    }

    /** How many bytes were written. */
    public long size() {
      return size;
    }

    /** The spool of what was written; the writer is done. */
    public Spool finish() throws IOException {
      if (done) {
        throw new IllegalStateException("the writer is finished or closed");
      }
      done = true;
      if (out == null) {
        return new Spool(memory.length == size ? memory : Arrays.copyOf(memory, (int) size));
      }
      Path spill = Objects.requireNonNull(file);
      try {
        out.close();
        return new Spool(spill, new RandomAccessFile(spill.toFile(), "r"), size);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(spill);
        throw e;
      }
    }

    /** Deletes what was written, unless finished. */
    @Override
    public void close() throws IOException {
      if (done) {
        return;
      }
      done = true;
      memory = new byte[0];
      try {
        if (out != null) {
          out.close();
        }
      } finally {
        if (file != null) {
          Files.deleteIfExists(file);
        }
      }
    }
  }

  /** The message's size in bytes. */
  public long size() {
    return size;
  }

  /** Whether the message went to a file. */
  public boolean inFile() {
    return file != null;
  }

  /**
   * A new stream over the whole message, a {@link SharedInputStream}: parts parsed from it share
   * the spool instead of copying their bytes.
   *
   * @throws IOException once the spool is closed
   */
  public InputStream open() throws IOException {
    if (closed) {
      throw new IOException("the message spool is closed");
    }
    if (bytes != null) {
      return new SharedByteArrayInputStream(bytes);
    }
    return new FileStream(this, 0, size);
  }

  /** Deletes the file, if any; every stream over it fails from now on. Idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (reader == null || file == null) {
      return;
    }
    try {
      reader.close();
    } catch (IOException e) {
      // Closing a file opened to read has nothing to flush; it is deleted all the same.
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // Nothing a caller could do: the file is in the temporary directory, where it was made.
      file.toFile().deleteOnExit();
    }
  }

  /** Reads {@code [position, end)} of the spool file, at {@code position}; -1 past the end. */
  private int readAt(long position, long end, byte[] buffer, int offset, int length)
      throws IOException {
    if (closed) {
      throw new IOException("the message spool is closed");
    }
    if (position >= end) {
      return -1;
    }
    int n = (int) Math.min(length, end - position);
    RandomAccessFile in = Objects.requireNonNull(reader);
    // One file pointer for every stream over the spool: seek and read together.
    synchronized (in) {
      in.seek(position);
      return in.read(buffer, offset, n);
    }
  }

  /**
   * A range of the spool file. Buffered (Jakarta Mail's multipart parser marks and resets), with
   * positions relative to the range's start, as {@link SharedInputStream} wants them.
   */
  private static final class FileStream extends BufferedInputStream implements SharedInputStream {
    private final Spool spool;
    // Kept here too: closing a BufferedInputStream clears its `in`.
    private final Range range;
    private final long start;
    private final long end;

    FileStream(Spool spool, long start, long end) {
      this(new Range(spool, start, end), spool, start, end);
    }

    private FileStream(Range range, Spool spool, long start, long end) {
      super(range, READ_BUFFER);
      this.range = range;
      this.spool = spool;
      this.start = start;
      this.end = end;
    }

    @Override
    public long getPosition() {
      // What the range has handed over, less what waits unread in the buffer.
      return range.position - start - (count - pos);
    }

    @Override
    public InputStream newStream(long from, long to) {
      if (from < 0) {
        throw new IllegalArgumentException("start must be 0 or more, was " + from);
      }
      long last = to == -1 ? end : Math.min(end, start + to);
      return new FileStream(spool, Math.min(start + from, last), last);
    }
  }

  /** The unbuffered bytes of a range, read with positional reads. */
  private static final class Range extends InputStream {
    private final Spool spool;
    private final long end;
    private long position;

    Range(Spool spool, long start, long end) {
      this.spool = spool;
      this.position = start;
      this.end = end;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length == 0) {
        return 0;
      }
      int n = spool.readAt(position, end, buffer, offset, length);
      if (n > 0) {
        position += n;
      }
      return n;
    }

    @Override
    public long skip(long n) {
      long skipped = Math.max(0, Math.min(n, end - position));
      position += skipped;
      return skipped;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - position);
    }
  }
}
