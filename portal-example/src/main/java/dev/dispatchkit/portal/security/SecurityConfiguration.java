package dev.dispatchkit.portal.security;

import dev.dispatchkit.portal.PortalProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;

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
    AccessDeniedHandlerImpl denied = new AccessDeniedHandlerImpl();
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/login", "/css/**", "/favicon.ico", "/error")
                    .permitAll()
                    .requestMatchers("/client/**")
                    .hasRole("CLIENT")
                    .anyRequest()
                    .authenticated())
        .formLogin(
            login ->
                login.loginPage("/login").defaultSuccessUrl("/orders").failureUrl("/login?error"))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .exceptionHandling(
            errors -> errors.accessDeniedHandler(new OversizedUploadAwareDeniedHandler(denied)))
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
   * The demo's users and their mapping to providers and subscribers, from {@code portal.users}. A
   * host replaces this bean with its own {@code UserDetailsService} (or other login) and {@link
   * AccountResolver}; see docs/portal.md.
   */
  @Bean
  PropertyUsers propertyUsers(PortalProperties properties) {
    return new PropertyUsers(properties);
  }
}
