package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.workorder.AttachmentRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link AttachmentStore} must have. An adapter's test extends this class and
 * returns a new store from {@link #createStore()}.
 */
public abstract class AttachmentStoreContract {

  /** The store under test; a new one for every test. */
  protected AttachmentStore store;

  /**
   * A new store.
   *
   * @return the store under test
   */
  protected abstract AttachmentStore createStore();

  /** Creates the store. */
  @BeforeEach
  void setUpStore() {
    store = createStore();
  }

  /** Stored content reads back byte for byte, with its size and SHA-256. */
  @Test
  protected void contentRoundTripsWithSizeAndDigest() throws IOException {
    byte[] bytes = new byte[70_001];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (i * 31);
    }
    AttachmentRef ref =
        store.put("photo.jpg", "image/jpeg", new ByteArrayInputStream(bytes), bytes.length);
    assertThat(ref.fileName()).isEqualTo("photo.jpg");
    assertThat(ref.contentType()).isEqualTo("image/jpeg");
    assertThat(ref.size()).isEqualTo(bytes.length);
    assertThat(ref.sha256()).isEqualTo(sha256(bytes));
    try (InputStream in = store.open(ref.id())) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
    assertThat(store.link(ref.id())).isNotNull();
  }

  /** Each put gets its own id, also for equal content. */
  @Test
  protected void everyPutGetsANewId() {
    byte[] bytes = "same".getBytes(StandardCharsets.UTF_8);
    AttachmentRef a = store.put("a.txt", "text/plain", new ByteArrayInputStream(bytes), 100);
    AttachmentRef b = store.put("a.txt", "text/plain", new ByteArrayInputStream(bytes), 100);
    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(a.sha256()).isEqualTo(b.sha256());
  }

  /** Empty content is stored with size 0. */
  @Test
  protected void emptyContentIsStored() {
    AttachmentRef ref =
        store.put("empty.txt", "text/plain", new ByteArrayInputStream(new byte[0]), 10);
    assertThat(ref.size()).isZero();
    assertThat(ref.sha256()).isEqualTo(sha256(new byte[0]));
  }

  /**
   * Content past the limit is refused as TOO_LARGE without reading the whole stream: the store
   * stops soon after the limit.
   */
  @Test
  protected void contentPastTheLimitIsRefusedWhileStreaming() {
    CountingEndlessStream endless = new CountingEndlessStream();
    assertThatThrownBy(() -> store.put("big.bin", "application/octet-stream", endless, 1000))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e -> assertThat(e.reason()).isEqualTo(AttachmentException.Reason.TOO_LARGE));
    assertThat(endless.read).isLessThan(1_000_000);
  }

  /** Content of exactly the limit is accepted. */
  @Test
  protected void contentOfExactlyTheLimitIsAccepted() {
    AttachmentRef ref =
        store.put(
            "x.bin", "application/octet-stream", new ByteArrayInputStream(new byte[1000]), 1000);
    assertThat(ref.size()).isEqualTo(1000);
  }

  /** An unknown id is NOT_FOUND. */
  @Test
  protected void unknownIdIsNotFound() {
    assertThatThrownBy(() -> store.open("no-such-attachment"))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e -> assertThat(e.reason()).isEqualTo(AttachmentException.Reason.NOT_FOUND));
  }

  /**
   * Deleted content is gone, other content stays, and deleting again or deleting an unknown id does
   * nothing. A store that keeps the default no-op {@code delete} overrides this test to say so.
   */
  @Test
  protected void deleteRemovesOnlyThatContent() {
    AttachmentRef doomed =
        store.put("doomed.txt", "text/plain", new ByteArrayInputStream(new byte[] {1, 2, 3}), 1000);
    AttachmentRef kept =
        store.put("kept.txt", "text/plain", new ByteArrayInputStream(new byte[] {4, 5}), 1000);

    store.delete(doomed.id());
    store.delete(doomed.id());
    store.delete("no-such-attachment");

    assertThatThrownBy(() -> store.open(doomed.id()))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e -> assertThat(e.reason()).isEqualTo(AttachmentException.Reason.NOT_FOUND));
    assertThat(read(kept.id())).containsExactly(4, 5);
  }

  /** A stream that fails is STORAGE_FAILED. */
  @Test
  protected void failingStreamIsStorageFailed() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk on fire");
          }
        };
    assertThatThrownBy(() -> store.put("x.bin", "application/octet-stream", broken, 1000))
        .isInstanceOfSatisfying(
            AttachmentException.class,
            e -> assertThat(e.reason()).isEqualTo(AttachmentException.Reason.STORAGE_FAILED));
  }

  private byte[] read(String id) {
    try (InputStream in = store.open(id)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new UncheckedIOException(new IOException(e));
    }
  }

  /** Zero bytes without end, counting how many were read. */
  private static final class CountingEndlessStream extends InputStream {
    long read;

    @Override
    public int read() {
      read++;
      return 0;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      int n = Math.min(len, 4096);
      read += n;
      java.util.Arrays.fill(b, off, off + n, (byte) 0);
      return n;
    }
  }
}
