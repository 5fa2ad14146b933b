package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ValidationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A file to attach, not stored yet: its name, its declared type and a way to read its bytes. The
 * content is opened only when the file is stored, after every file of the note passed the type
 * check, and DispatchKit closes the stream it opened.
 *
 * @param fileName the name shown to people; made safe with {@link AttachmentRef#safeFileName}
 * @param contentType the media type, such as {@code application/pdf}; parameters are ignored
 * @param content opens the bytes; called at most once per attempt to store the file
 */
public record NewAttachment(String fileName, String contentType, Content content) {

  /** Opens the bytes of a file to attach. */
  @FunctionalInterface
  public interface Content {
    /**
     * A fresh stream over the file's bytes; the caller closes it.
     *
     * @throws IOException when the bytes cannot be read
     */
    InputStream open() throws IOException;
  }

  /**
   * @throws ValidationException if the file name or the content type is blank
   */
  public NewAttachment {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(content, "content");
    if (fileName.isBlank()) {
      throw new ValidationException("NewAttachment", "fileName is blank");
    }
    if (contentType.isBlank()) {
      throw new ValidationException("NewAttachment", "contentType of " + fileName + " is blank");
    }
  }

  /** A file whose bytes are in memory, such as a small photo already uploaded. */
  public static NewAttachment of(String fileName, String contentType, byte[] bytes) {
    byte[] copy = bytes.clone();
    return new NewAttachment(fileName, contentType, () -> new ByteArrayInputStream(copy));
  }
}
