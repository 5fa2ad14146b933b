package dev.dispatchkit.portal.web;

import dev.dispatchkit.error.AttachmentException;
import dev.dispatchkit.portal.access.NotVisibleException;
import dev.dispatchkit.portal.access.OrderAccess;
import dev.dispatchkit.portal.security.PortalAccount;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.workorder.AttachmentRef;
import java.io.InputStream;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * Downloads an attachment of an order the user may see, streamed from the attachment store, always
 * as a download ({@code Content-Disposition: attachment}) under its safe name, with the stored type
 * and {@code nosniff}, so that no uploaded file is ever shown as a page of the portal.
 */
@Controller
final class AttachmentController {

  private final OrderAccess access;
  private final AttachmentStore attachments;

  AttachmentController(OrderAccess access, AttachmentStore attachments) {
    this.access = access;
    this.attachments = attachments;
  }

  /** The download link of an attachment of an order. */
  static String url(String orderUrl, AttachmentRef attachment) {
    return orderUrl + "/attachments/" + attachment.id();
  }

  @GetMapping("/orders/{subscriber}/{tracking}/attachments/{id}")
  ResponseEntity<InputStreamResource> download(
      PortalAccount account,
      @PathVariable("subscriber") String subscriber,
      @PathVariable("tracking") String tracking,
      @PathVariable("id") String id) {
    AttachmentRef ref = access.requireAttachment(account, subscriber, tracking, id);
    InputStream content;
    try {
      content = attachments.open(ref.id());
    } catch (AttachmentException e) {
      // Listed on the order but gone from the store: nothing to give.
      throw new NotVisibleException();
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(ref.contentType()))
        .contentLength(ref.size())
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDispositions.attachment(ref.fileName()))
        .header("X-Content-Type-Options", "nosniff")
        .body(new InputStreamResource(content));
  }
}
