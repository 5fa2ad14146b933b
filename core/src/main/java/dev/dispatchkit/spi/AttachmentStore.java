package dev.dispatchkit.spi;

import dev.dispatchkit.workorder.AttachmentRef;
import java.io.InputStream;
import java.net.URI;

/**
 * Keeps the bytes of attachments (photos, reports) under opaque ids. Work orders hold only the
 * {@link AttachmentRef}. Implementations stream content and never hold a whole file in memory; they
 * are thread-safe.
 */
public interface AttachmentStore {

  /**
   * Stores content read from {@code content} (which the caller closes), refusing it as soon as it
   * passes {@code maxBytes}; nothing is kept then.
   *
   * @param fileName a file name already made safe with {@link AttachmentRef#safeFileName(String)}
   * @param contentType a lower-case media type without parameters
   * @return the reference, with a new id, the size and the SHA-256 of what was stored
   * @throws dev.dispatchkit.error.AttachmentException with {@code TOO_LARGE} past the limit, or
   *     {@code STORAGE_FAILED}
   */
  AttachmentRef put(String fileName, String contentType, InputStream content, long maxBytes);

  /**
   * Opens stored content; the caller closes the stream.
   *
   * @throws dev.dispatchkit.error.AttachmentException with {@code NOT_FOUND} for an unknown id
   */
  InputStream open(String attachmentId);

  /**
   * A link a host can show on the work order to display the attachment. What it points at is the
   * host's business (a download endpoint of its own, a signed URL).
   */
  URI link(String attachmentId);

  /**
   * Removes stored content that no work order refers to: the core calls it for attachments it
   * stored for a use case that then rolled back or did not link them. Deleting an unknown id does
   * nothing. An implementation that cannot delete keeps this default, which keeps the content (an
   * orphan, never a dangling reference).
   *
   * @throws dev.dispatchkit.error.AttachmentException with {@code STORAGE_FAILED} when the storage
   *     fails
   */
  default void delete(String attachmentId) {}
}
