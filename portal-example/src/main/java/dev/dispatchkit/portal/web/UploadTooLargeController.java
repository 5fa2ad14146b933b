package dev.dispatchkit.portal.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/** The page that says an upload was over the server's limits and nothing was stored. */
@Controller
final class UploadTooLargeController {

  @RequestMapping(UploadLimitFilter.TOO_LARGE)
  String tooLarge(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    return "error/413";
  }
}
