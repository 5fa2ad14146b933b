package dev.dispatchkit.portal.web;

import dev.dispatchkit.portal.security.AccountResolver;
import dev.dispatchkit.portal.security.PortalAccount;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * What every page's navigation needs (the account, whether the demo's mailbox exists), and the "too
 * large" page for an upload the server refused to read.
 */
@ControllerAdvice
final class PageAdvice {

  private final AccountResolver accounts;
  private final boolean demo;

  PageAdvice(AccountResolver accounts, Environment environment) {
    this.accounts = accounts;
    this.demo = environment.acceptsProfiles(Profiles.of("demo"));
  }

  @ModelAttribute("account")
  @Nullable PortalAccount account() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || authentication instanceof AnonymousAuthenticationToken
        || !authentication.isAuthenticated()) {
      return null;
    }
    return accounts.account(authentication).orElse(null);
  }

  @ModelAttribute("demo")
  boolean demo() {
    return demo;
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  String tooLarge(HttpServletResponse response, Model model) {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    model.addAttribute("account", account());
    model.addAttribute("demo", demo);
    return "error/413";
  }
}
