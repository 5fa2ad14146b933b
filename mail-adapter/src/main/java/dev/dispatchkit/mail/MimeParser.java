package dev.dispatchkit.mail;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.MalformedMessageException;
import dev.dispatchkit.error.MalformedMessageException.Reason;
import dev.dispatchkit.mail.internal.MessageReader;
import dev.dispatchkit.mail.internal.Spool;
import dev.dispatchkit.reply.InboundMessage;
import jakarta.mail.Session;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Parses raw MIME (RFC 5322, RFC 2045-2049) into an {@link InboundMessage}, with Jakarta Mail.
 *
 * <p>It is tolerant where real mail is sloppy: a {@code Date} it cannot read gives a null date, an
 * address it cannot read is skipped, a missing or wrong charset falls back to UTF-8, windows-1252
 * and ISO-8859-1 in turn. It rejects only what cannot be read, and input beyond its limits, always
 * with a {@link MalformedMessageException}: no other exception leaves {@code parse}.
 *
 * <pre>{@code
 * MimeParser parser = MimeParser.builder().maxMessageBytes(10 * 1024 * 1024).build();
 * InboundMessage message = parser.parse(rawBytes);
 * }</pre>
 *
 * <p>A message that may be big is better read with {@link #open(InputStream)}: beyond {@link
 * Builder#spillThreshold(int)} bytes it goes to a temporary file, and its attachments are decoded
 * from there as streams, so memory stays bounded whatever the size; closing the {@link
 * ParsedMessage} deletes the file.
 *
 * <p>Instances are immutable and thread-safe; build one and share it.
 */
public final class MimeParser {

  /** The default byte limit: 25 MiB, the largest message most providers accept. */
  public static final long DEFAULT_MAX_MESSAGE_BYTES = 25L * 1024 * 1024;

  /**
   * The most bytes of text read from the text bodies of a message, and from its HTML bodies: 4 MiB.
   * The rest is not read. A body cut here is longer than the classifier reads ({@code
   * ReplyClassifier.MAX_BODY_CHARS}), so its decision says it was cut.
   */
  public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

  /** The default limit on the number of MIME body parts in one message. */
  public static final int DEFAULT_MAX_PARTS = 200;

  /** The default limit on how deep multiparts may nest. */
  public static final int DEFAULT_MAX_DEPTH = 10;

  /** The default size above which {@link #open(InputStream)} spills a message to a file: 1 MiB. */
  public static final int DEFAULT_SPILL_THRESHOLD = 1024 * 1024;

  // The largest array a JVM reliably allocates, less the byte that detects an overrun.
  private static final long MAX_BYTES_LIMIT = Integer.MAX_VALUE - 16;

  private final int maxMessageBytes;
  private final int maxParts;
  private final int maxDepth;
  private final Spool.Policy spill;
  private final Session session;

  private MimeParser(Builder builder, Path spillDirectory) {
    this.maxMessageBytes = (int) builder.maxMessageBytes;
    this.maxParts = builder.maxParts;
    this.maxDepth = builder.maxDepth;
    this.spill = new Spool.Policy(builder.spillThreshold, spillDirectory);
    // No transport is ever used: the session only carries the parsing properties.
    this.session = Session.getInstance(new Properties());
  }

  /** A parser with the default limits. */
  public static MimeParser create() {
    return builder().build();
  }

  /** A builder starting from the default limits. */
  public static Builder builder() {
    return new Builder();
  }

  /** The byte limit of a message. */
  public long maxMessageBytes() {
    return maxMessageBytes;
  }

  /** The limit on the number of MIME body parts. */
  public int maxParts() {
    return maxParts;
  }

  /** The limit on multipart nesting. */
  public int maxDepth() {
    return maxDepth;
  }

  /** The size above which {@link #open(InputStream)} spills a message to a file. */
  public int spillThreshold() {
    return spill.threshold();
  }

  /** Where spilled messages go. */
  public Path spillDirectory() {
    return spill.directory();
  }

  /** Where and from what size messages spill; the IMAP source fetches into the same. */
  Spool.Policy spill() {
    return spill;
  }

  /**
   * Reads a message from a stream, keeping its raw bytes in memory up to {@link #spillThreshold()}
   * and beyond it in a temporary file in {@link #spillDirectory()}. The message's attachments read
   * their content from there, decoded as a stream each time they are opened, until the result is
   * closed; closing it deletes the file. The stream is read to its end (or the limit) but not
   * closed. Nothing is left behind when this method throws.
   *
   * <pre>{@code
   * try (ParsedMessage parsed = parser.open(in)) {
   *   InboundMessage message = parsed.message();
   *   // read message.attachments() here, not after the block
   * }
   * }</pre>
   *
   * @param in the raw message
   * @return the message and what holds its bytes
   * @throws MalformedMessageException when the message is too large, too deep, has too many parts,
   *     cannot be read, or the stream or the spill file fails
   */
  public ParsedMessage open(InputStream in) {
    Objects.requireNonNull(in, "in");
    Optional<Spool> read;
    try {
      read = spill.read(in, maxMessageBytes);
    } catch (IOException e) {
      throw new MalformedMessageException(Reason.UNREADABLE, "the input could not be read", e);
    }
    Spool spool =
        read.orElseThrow(
            () ->
                new MalformedMessageException(
                    Reason.TOO_LARGE, "the message exceeds " + maxMessageBytes + " bytes"));
    try {
      return new ParsedMessage(parse(spool), spool);
    } catch (RuntimeException | Error e) {
      spool.close();
      throw e;
    }
  }

  /**
   * Reads a spooled message; its attachments read from the spool, which the caller keeps open while
   * they are needed and closes afterwards.
   */
  InboundMessage parse(Spool spool) {
    if (spool.size() > maxMessageBytes) {
      throw new MalformedMessageException(
          Reason.TOO_LARGE, "the message exceeds " + maxMessageBytes + " bytes");
    }
    InputStream raw;
    try {
      raw = spool.open();
    } catch (IOException e) {
      throw new MalformedMessageException(Reason.UNREADABLE, "the input could not be read", e);
    }
    return read(raw);
  }

  /**
   * Reads a message from a stream, stopping as soon as it passes the byte limit. The stream is read
   * to its end (or the limit) but not closed. The whole message is held in memory, as long as the
   * result is reachable: for a message that may be big, use {@link #open(InputStream)}.
   *
   * @param in the raw message
   * @return the message
   * @throws MalformedMessageException when the message is too large, too deep, has too many parts,
   *     cannot be read, or the stream fails
   */
  public InboundMessage parse(InputStream in) {
    Objects.requireNonNull(in, "in");
    byte[] bytes;
    try {
      bytes = readBounded(in);
    } catch (IOException e) {
      throw new MalformedMessageException(Reason.UNREADABLE, "the input could not be read", e);
    }
    return parse(bytes);
  }

  /**
   * The stream's bytes, in chunks joined only when the whole fits the limit. Why: {@code
   * readNBytes} joins them anyway, so an oversized message cost twice the limit in memory before
   * being refused; here it costs the limit at most, and a fitting one its size plus the chunks.
   */
  private byte[] readBounded(InputStream in) throws IOException {
    java.util.List<byte[]> chunks = new java.util.ArrayList<>();
    long total = 0;
    int hint = in.available();
    if (hint > 0 && hint <= maxMessageBytes) {
      // A file or an array says how much is left: read that into one array, which is then the
      // whole message unless more follows, so a fitting message costs its size once.
      byte[] first = in.readNBytes(hint);
      int next = first.length == hint ? in.read() : -1;
      if (next < 0) {
        return first;
      }
      chunks.add(first);
      chunks.add(new byte[] {(byte) next});
      total = first.length + 1L;
    }
    while (true) {
      // Never more than one byte past the limit: an endless stream is read no further.
      byte[] chunk = in.readNBytes((int) Math.min(1024 * 1024, maxMessageBytes + 1L - total));
      if (chunk.length == 0) {
        break;
      }
      total += chunk.length;
      if (total > maxMessageBytes) {
        chunks.clear();
        throw new MalformedMessageException(
            Reason.TOO_LARGE, "the message exceeds " + maxMessageBytes + " bytes");
      }
      chunks.add(chunk);
    }
    byte[] bytes = new byte[(int) total];
    int at = 0;
    for (byte[] chunk : chunks) {
      System.arraycopy(chunk, 0, bytes, at, chunk.length);
      at += chunk.length;
    }
    return bytes;
  }

  /**
   * Reads a message from its bytes. The array is shared, not copied, with the attachments' content:
   * do not change it afterwards.
   *
   * @param raw the raw message
   * @return the message
   * @throws MalformedMessageException when the message is too large, too deep, has too many parts
   *     or cannot be read
   */
  public InboundMessage parse(byte[] raw) {
    Objects.requireNonNull(raw, "raw");
    if (raw.length > maxMessageBytes) {
      throw new MalformedMessageException(
          Reason.TOO_LARGE, "the message exceeds " + maxMessageBytes + " bytes");
    }
    return read(new SharedByteArrayInputStream(raw));
  }

  private InboundMessage read(InputStream raw) {
    try {
      return new MessageReader(session, maxParts, maxDepth, MAX_BODY_BYTES).read(raw);
    } catch (MalformedMessageException e) {
      throw e;
    } catch (RuntimeException e) {
      // Jakarta Mail reports some malformations with unchecked exceptions; keep the promise of
      // one exception type.
      throw new MalformedMessageException(
          Reason.UNREADABLE, "the message structure could not be read", e);
    }
  }

  @Override
  public String toString() {
    return "MimeParser[maxMessageBytes="
        + maxMessageBytes
        + ", maxParts="
        + maxParts
        + ", maxDepth="
        + maxDepth
        + ", spillThreshold="
        + spill.threshold()
        + "]";
  }

  /** Builds a {@link MimeParser}. Each setter rejects a bad value at once. Not thread-safe. */
  public static final class Builder {
    private long maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private int maxParts = DEFAULT_MAX_PARTS;
    private int maxDepth = DEFAULT_MAX_DEPTH;
    private int spillThreshold = DEFAULT_SPILL_THRESHOLD;
    private @Nullable Path spillDirectory;

    private Builder() {}

    /**
     * The largest message accepted, in bytes; default 25 MiB.
     *
     * @throws ConfigurationException unless 1 to 2 GiB less 16 bytes
     */
    public Builder maxMessageBytes(long maxMessageBytes) {
      if (maxMessageBytes < 1 || maxMessageBytes > MAX_BYTES_LIMIT) {
        throw new ConfigurationException(
            "maxMessageBytes",
            "must be between 1 and " + MAX_BYTES_LIMIT + ", was " + maxMessageBytes);
      }
      this.maxMessageBytes = maxMessageBytes;
      return this;
    }

    /**
     * The most MIME body parts a message may have, counted over every multipart; default 200.
     *
     * @throws ConfigurationException unless at least 1
     */
    public Builder maxParts(int maxParts) {
      if (maxParts < 1) {
        throw new ConfigurationException("maxParts", "must be at least 1, was " + maxParts);
      }
      this.maxParts = maxParts;
      return this;
    }

    /**
     * How deep multiparts may nest, the outermost counting as 1; default 10.
     *
     * @throws ConfigurationException unless 1 to 100
     */
    public Builder maxDepth(int maxDepth) {
      if (maxDepth < 1 || maxDepth > 100) {
        throw new ConfigurationException("maxDepth", "must be between 1 and 100, was " + maxDepth);
      }
      this.maxDepth = maxDepth;
      return this;
    }

    /**
     * The size above which {@link MimeParser#open(InputStream)}, and the IMAP source, keep a
     * message's raw bytes in a temporary file instead of memory; default 1 MiB. 0 spills every
     * message.
     *
     * @throws ConfigurationException when negative
     */
    public Builder spillThreshold(int spillThreshold) {
      if (spillThreshold < 0) {
        throw new ConfigurationException(
            "spillThreshold", "must be 0 or more, was " + spillThreshold);
      }
      this.spillThreshold = spillThreshold;
      return this;
    }

    /**
     * Where spilled messages go; by default the JVM's temporary directory ({@code java.io.tmpdir}).
     * Each file lives while its message is in use, readable by this process's user only where the
     * file system allows.
     *
     * @throws ConfigurationException unless an existing, writable directory
     */
    public Builder spillDirectory(Path spillDirectory) {
      this.spillDirectory = checkedDirectory(spillDirectory, "spillDirectory");
      return this;
    }

    private static Path checkedDirectory(@Nullable Path directory, String setting) {
      if (directory == null) {
        throw new ConfigurationException(setting, "must not be null");
      }
      if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
        throw new ConfigurationException(
            setting, "must be an existing, writable directory, was " + directory);
      }
      return directory;
    }

    /**
     * The parser.
     *
     * @throws ConfigurationException when the default spill directory ({@code java.io.tmpdir}) is
     *     not a writable directory and none was set
     */
    public MimeParser build() {
      Path directory =
          spillDirectory != null
              ? spillDirectory
              : checkedDirectory(
                  Path.of(System.getProperty("java.io.tmpdir")), "spillDirectory (java.io.tmpdir)");
      return new MimeParser(this, directory);
    }
  }
}
