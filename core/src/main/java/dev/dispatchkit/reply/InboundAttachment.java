package dev.dispatchkit.reply;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An attachment of an inbound message: its metadata, and a way to read its content as often as
 * needed without holding it in the record.
 *
 * @param fileName the file name the sender gave, untrusted and unsanitised; null when none
 * @param contentType the MIME type without parameters, lower case, such as {@code image/jpeg}
 * @param size the decoded size in bytes, or -1 when unknown
 * @param inline whether the part was sent inline ({@code Content-Disposition: inline}, or a {@code
 *     multipart/related} image) rather than as an attachment
 * @param content opens the decoded content
 */
public record InboundAttachment(
    @Nullable String fileName, String contentType, long size, boolean inline, Content content) {

  /** Opens the decoded bytes of an attachment. Each call returns a new stream. */
  @FunctionalInterface
  public interface Content {
    /**
     * @return a new stream over the decoded content; the caller closes it
     * @throws IOException when the content cannot be read
     */
    InputStream open() throws IOException;
  }

  /** Checks the required parts. */
  public InboundAttachment {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(content, "content");
    if (size < -1) {
      throw new IllegalArgumentException("size must be -1 (unknown) or more, was " + size);
    }
  }
}
