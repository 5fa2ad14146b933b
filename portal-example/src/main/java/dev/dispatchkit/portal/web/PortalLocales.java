package dev.dispatchkit.portal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.i18n.AcceptHeaderLocaleResolver;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The portal's two languages: French, the default, and English. The browser's Accept-Language
 * chooses between them until {@code ?lang=fr} or {@code ?lang=en} sets one for the session.
 */
final class PortalLocales {

  /** The languages the pages are written in; the first is the default. */
  static final List<Locale> SUPPORTED = List.of(Locale.FRENCH, Locale.ENGLISH);

  private PortalLocales() {}

  /** The session's choice, else the browser's best supported language, else French. */
  static SessionLocaleResolver resolver() {
    AcceptHeaderLocaleResolver browser = new AcceptHeaderLocaleResolver();
    browser.setSupportedLocales(SUPPORTED);
    browser.setDefaultLocale(SUPPORTED.get(0));
    SessionLocaleResolver resolver = new SessionLocaleResolver();
    resolver.setDefaultLocaleFunction(browser::resolveLocale);
    return resolver;
  }

  /** Sets the session's language from {@code ?lang=}; other values are ignored. */
  static HandlerInterceptor switcher() {
    return new HandlerInterceptor() {
      @Override
      public boolean preHandle(
          HttpServletRequest request, HttpServletResponse response, Object handler) {
        String lang = request.getParameter("lang");
        if (lang != null) {
          SUPPORTED.stream()
              .filter(l -> l.getLanguage().equals(lang))
              .findFirst()
              .ifPresent(
                  l ->
                      RequestContextUtils.getLocaleResolver(request)
                          .setLocale(request, response, l));
        }
        return true;
      }
    };
  }
}
