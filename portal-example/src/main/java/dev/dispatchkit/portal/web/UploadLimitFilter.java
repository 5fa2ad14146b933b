package dev.dispatchkit.portal.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers a multipart request over the server's upload limits with the "too large" page (413)
 * before anything else reads it. Past the limit the container refuses to read the body at all, so
 * every later reader fails: Spring Security could not even find the CSRF token in it and the
 * visitor would get an error page of the container. Nothing is stored: the request goes no further.
 * Runs before Spring Security's filters.
 */
public final class UploadLimitFilter extends OncePerRequestFilter {

  /** Where such a request is sent, as a GET without parameters. */
  public static final String TOO_LARGE = "/upload-too-large";

  /** Builds the filter; {@code WebConfiguration} registers it. */
  public UploadLimitFilter() {}

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (isMultipart(request) && isOverLimit(request)) {
      request.getRequestDispatcher(TOO_LARGE).forward(new EmptyGet(request), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean isMultipart(HttpServletRequest request) {
    String type = request.getContentType();
    return "POST".equals(request.getMethod())
        && type != null
        && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
  }

  private static boolean isOverLimit(HttpServletRequest request) {
    try {
      request.getParts();
      return false;
    } catch (RuntimeException | IOException | ServletException e) {
      return isSizeLimit(e);
    }
  }

  /**
   * Whether the container's failure is a size limit. Tomcat reports it as a {@code
   * SizeLimitExceededException} or {@code FileSizeLimitExceededException} (both {@code
   * SizeException}) somewhere in the causes; any other failure is left to the normal error path.
   */
  private static boolean isSizeLimit(@Nullable Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().endsWith("SizeLimitExceededException")
          || t.getClass().getSimpleName().equals("SizeException")) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /** The refused request as a GET without parameters or parts, for the page that explains. */
  private static final class EmptyGet extends HttpServletRequestWrapper {
    EmptyGet(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getMethod() {
      return "GET";
    }

    @Override
    public @Nullable String getContentType() {
      return null;
    }

    @Override
    public @Nullable String getParameter(String name) {
      return null;
    }

    @Override
    public Map<String, String[]> getParameterMap() {
      return Map.of();
    }

    @Override
    public Enumeration<String> getParameterNames() {
      return Collections.emptyEnumeration();
    }

    @Override
    public String @Nullable [] getParameterValues(String name) {
      return null;
    }

    @Override
    public Collection<Part> getParts() {
      return List.of();
    }

    @Override
    public @Nullable Part getPart(String name) {
      return null;
    }
  }
}
