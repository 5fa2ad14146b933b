package dev.dispatchkit.portal.security;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Tells an upload too large to be read apart from a forged request. When a multipart body passes
 * the server's limit, the container stops reading it, so the CSRF token inside it is never seen and
 * the request would be refused as forged (403). Such a request gets the "too large" page (413)
 * instead; nothing was stored either way, since the request went no further.
 */
final class OversizedUploadAwareDeniedHandler implements AccessDeniedHandler {

  /** The page that explains the limit; rendered by the error controller. */
  static final String TOO_LARGE_PATH = "/error";

  private final AccessDeniedHandler delegate;

  OversizedUploadAwareDeniedHandler(AccessDeniedHandler delegate) {
    this.delegate = delegate;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException, ServletException {
    if (denied instanceof CsrfException && isOversizedMultipart(request)) {
      request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 413);
      request.setAttribute("portal.uploadTooLarge", Boolean.TRUE);
      response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
      request.getRequestDispatcher(TOO_LARGE_PATH).forward(request, response);
      return;
    }
    delegate.handle(request, response, denied);
  }

  private static boolean isOversizedMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
      return false;
    }
    try {
      request.getParts();
      return false;
    } catch (IllegalStateException e) {
      // The container reports a body over its limit this way (Tomcat wraps the size exception).
      return true;
    } catch (IOException | ServletException e) {
      return false;
    }
  }
}
