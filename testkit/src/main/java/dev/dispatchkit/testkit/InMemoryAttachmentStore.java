package dev.dispatchkit.testkit;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.workorder.AttachmentRef;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link AttachmentStore} in memory, for tests. It reads in chunks and stops as soon as the
 * content passes the limit, as a real store must; links are {@code memory:attachment/<id>}. It
 * passes {@link AttachmentStoreContract}.
 */
public final class InMemoryAttachmentStore implements AttachmentStore {

  private final Map<String, byte[]> contents = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryAttachmentStore() {}

  @Override
  public AttachmentRef put(
      String fileName, String contentType, InputStream content, long maxBytes) {
    Objects.requireNonNull(content, "content");
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new AttachmentException(
          AttachmentException.Reason.STORAGE_FAILED, "no SHA-256", null, e);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long total = 0;
    try {
      int n;
      while ((n = content.read(buffer)) != -1) {
        total += n;
        if (total > maxBytes) {
          throw new AttachmentException(
              AttachmentException.Reason.TOO_LARGE,
              "content passes the limit of " + maxBytes + " bytes",
              null,
              null);
        }
        sha256.update(buffer, 0, n);
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new AttachmentException(
          AttachmentException.Reason.STORAGE_FAILED, "cannot read the content", null, e);
    }
    String id = UUID.randomUUID().toString();
    AttachmentRef ref =
        new AttachmentRef(
            id, fileName, contentType, total, HexFormat.of().formatHex(sha256.digest()));
    contents.put(id, out.toByteArray());
    return ref;
  }

  @Override
  public InputStream open(String attachmentId) {
    byte[] bytes = contents.get(attachmentId);
    if (bytes == null) {
      throw new AttachmentException(
          AttachmentException.Reason.NOT_FOUND,
          "no attachment " + attachmentId,
          attachmentId,
          null);
    }
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public URI link(String attachmentId) {
    if (!contents.containsKey(attachmentId)) {
      throw new AttachmentException(
          AttachmentException.Reason.NOT_FOUND,
          "no attachment " + attachmentId,
          attachmentId,
          null);
    }
    return URI.create("memory:attachment/" + attachmentId);
  }

  @Override
  public void delete(String attachmentId) {
    contents.remove(Objects.requireNonNull(attachmentId, "attachmentId"));
  }

  /** How many attachments the store holds. */
  public int size() {
    return contents.size();
  }
}
