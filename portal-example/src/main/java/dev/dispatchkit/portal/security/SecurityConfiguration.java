package dev.dispatchkit.portal.security;

import dev.dispatchkit.portal.PortalProperties;
import dev.dispatchkit.portal.web.UploadLimitFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Form login, CSRF on every form (Spring Security's default, kept), the client pages for client
 * users only, and a logout that is a POST. Which work orders a user may see is not decided here but
 * in {@link dev.dispatchkit.portal.access.OrderAccess}, which every controller goes through.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  /** The portal's security rules. */
  @Bean
  SecurityFilterChain portalSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/login", "/css/**", "/favicon.ico", "/error", UploadLimitFilter.TOO_LARGE)
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .formLogin(
            login ->
                login.loginPage("/login").defaultSuccessUrl("/orders").failureUrl("/login?error"))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .headers(
            headers ->
                headers.contentSecurityPolicy(
                    csp ->
                        csp.policyDirectives(
                            "default-src 'self'; img-src 'self' data:; form-action 'self';"
                                + " frame-ancestors 'none'; base-uri 'none'")));
    return http.build();
  }

  /**
   * Bcrypt hashes written as {@code {bcrypt}...}; other schemes the delegating encoder knows too.
   */
  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }

  /**
   * The demo's users and their mapping to providers and subscribers, from {@code portal.users}.
   * With {@code portal.property-users=false} a host brings its own {@code UserDetailsService} (or
   * other login) and {@link AccountResolver} instead; see docs/portal.md.
   */
  @Bean
  @ConditionalOnProperty(
      prefix = "portal",
      name = "property-users",
      havingValue = "true",
      matchIfMissing = true)
  PropertyUsers propertyUsers(PortalProperties properties) {
    return new PropertyUsers(properties);
  }
}
