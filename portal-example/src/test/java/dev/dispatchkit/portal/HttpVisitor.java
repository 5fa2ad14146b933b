package dev.dispatchkit.portal;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A person's browser, as far as the server can tell: real HTTP, a cookie jar, HTML accepted, the
 * CSRF token read from the page's form as a browser would submit it, and redirects not followed so
 * that a test sees each answer.
 */
final class HttpVisitor {

  /** A file to upload. */
  record Upload(String fileName, String contentType, byte[] bytes) {}

  private final String base;
  private final HttpClient http;
  private String language = "fr";

  HttpVisitor(int port) {
    this.base = "http://127.0.0.1:" + port;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
  }

  /** Sends this Accept-Language from now on. */
  HttpVisitor language(String value) {
    this.language = value;
    return this;
  }

  HttpResponse<String> get(String path) {
    return send(request(path).GET().build());
  }

  HttpResponse<byte[]> download(String path) {
    try {
      return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The page, parsed; fails unless it answers 200. */
  Document page(String path) {
    HttpResponse<String> response = get(path);
    if (response.statusCode() != 200) {
      throw new AssertionError(path + " answered " + response.statusCode());
    }
    return Jsoup.parse(response.body(), base + path);
  }

  /** Posts a form without any CSRF token, as a forged cross-site request would. */
  HttpResponse<String> postWithoutToken(String path, Map<String, String> fields) {
    return send(
        request(path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(encode(fields)))
            .build());
  }

  /** Posts a form with the CSRF token of the page at {@code tokenPage}, as a browser does. */
  HttpResponse<String> post(String tokenPage, String path, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", token(tokenPage));
    return postWithoutToken(path, all);
  }

  /** Posts a multipart form with the CSRF token of the page at {@code tokenPage}. */
  HttpResponse<String> postMultipart(
      String tokenPage, String path, Map<String, String> fields, List<Upload> files) {
    String boundary = "----portal-test-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    Map<String, String> all = new LinkedHashMap<>();
    all.put("_csrf", token(tokenPage));
    all.putAll(fields);
    all.forEach(
        (name, value) ->
            write(
                body,
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + name
                    + "\"\r\n\r\n"
                    + value
                    + "\r\n"));
    for (Upload file : files) {
      write(
          body,
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\"files\"; filename=\""
              + file.fileName()
              + "\"\r\nContent-Type: "
              + file.contentType()
              + "\r\n\r\n");
      body.writeBytes(file.bytes());
      write(body, "\r\n");
    }
    write(body, "--" + boundary + "--\r\n");
    return send(
        request(path)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build());
  }

  /** Logs in through the login form; returns the answer to the form's POST. */
  HttpResponse<String> login(String username, String password) {
    return post("/login", "/login", Map.of("username", username, "password", password));
  }

  /** The CSRF token of the first form of the page. */
  String token(String pagePath) {
    Element input = page(pagePath).selectFirst("form input[name=_csrf]");
    if (input == null) {
      throw new AssertionError(pagePath + " has no form with a CSRF token");
    }
    return input.val();
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "text/html,application/xhtml+xml")
        .header("Accept-Language", language);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String encode(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), UTF_8) + "=" + URLEncoder.encode(e.getValue(), UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(UTF_8));
  }
}
