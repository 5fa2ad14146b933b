package dev.dispatchkit.portal.web;

import dev.dispatchkit.portal.access.NotVisibleException;
import dev.dispatchkit.portal.security.AccountResolver;
import dev.dispatchkit.portal.security.PortalAccount;
import org.springframework.core.MethodParameter;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives controllers the logged-in user's {@link PortalAccount}. A user the resolver maps to no
 * provider or subscriber gets 404 on every page that needs one: there is nothing for it to see.
 */
final class AccountArgumentResolver implements HandlerMethodArgumentResolver {

  private final AccountResolver accounts;

  AccountArgumentResolver(AccountResolver accounts) {
    this.accounts = accounts;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == PortalAccount.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest request,
      WebDataBinderFactory binders) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null) {
      throw new NotVisibleException();
    }
    return accounts.account(authentication).orElseThrow(NotVisibleException::new);
  }
}
