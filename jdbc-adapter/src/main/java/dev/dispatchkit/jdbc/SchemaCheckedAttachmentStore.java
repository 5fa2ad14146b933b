package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.workorder.AttachmentRef;
import java.io.InputStream;
import java.net.URI;

/** An attachment store built with {@code migrate(false)}: see {@link SchemaCheck}. */
final class SchemaCheckedAttachmentStore implements AttachmentStore {
  private final AttachmentStore delegate;
  private final SchemaCheck check;

  SchemaCheckedAttachmentStore(AttachmentStore delegate, SchemaCheck check) {
    this.delegate = delegate;
    this.check = check;
  }

  @Override
  public AttachmentRef put(
      String fileName, String contentType, InputStream content, long maxBytes) {
    try {
      AttachmentRef ref = delegate.put(fileName, contentType, content, maxBytes);
      check.succeeded();
      return ref;
    } catch (AttachmentException e) {
      throw explain(e);
    }
  }

  @Override
  public InputStream open(String attachmentId) {
    try {
      return delegate.open(attachmentId);
    } catch (AttachmentException e) {
      throw explain(e);
    }
  }

  @Override
  public URI link(String attachmentId) {
    return delegate.link(attachmentId);
  }

  @Override
  public void delete(String attachmentId) {
    try {
      delegate.delete(attachmentId);
    } catch (AttachmentException e) {
      throw explain(e);
    }
  }

  private AttachmentException explain(AttachmentException failure) {
    if (failure.reason() != AttachmentException.Reason.STORAGE_FAILED) {
      return failure;
    }
    return check
        .missingTables()
        .map(
            message -> {
              AttachmentException clear =
                  new AttachmentException(
                      failure.reason(), message, failure.attachmentId(), failure.getCause());
              clear.addSuppressed(failure);
              return clear;
            })
        .orElse(failure);
  }
}
