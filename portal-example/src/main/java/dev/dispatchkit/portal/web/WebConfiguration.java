package dev.dispatchkit.portal.web;

import dev.dispatchkit.portal.security.AccountResolver;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The languages, and the logged-in {@code PortalAccount} as a controller argument. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration implements WebMvcConfigurer {

  private final AccountResolver accounts;

  WebConfiguration(AccountResolver accounts) {
    this.accounts = accounts;
  }

  /** French by default, English by the browser or by {@code ?lang=en}. */
  @Bean
  LocaleResolver localeResolver() {
    return PortalLocales.resolver();
  }

  /** Before Spring Security's filters (order -100), which would fail to read such a request. */
  @Bean
  FilterRegistrationBean<UploadLimitFilter> uploadLimitFilter() {
    FilterRegistrationBean<UploadLimitFilter> registration =
        new FilterRegistrationBean<>(new UploadLimitFilter());
    registration.setOrder(-200);
    return registration;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(PortalLocales.switcher());
  }

  @Override
  public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(new AccountArgumentResolver(accounts));
  }
}
