package dev.dispatchkit.hostexample;

import dev.dispatchkit.portal.PortalProperties.Side;
import dev.dispatchkit.portal.security.AccountResolver;
import dev.dispatchkit.portal.security.PortalAccount;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.provisioning.JdbcUserDetailsManager;

/**
 * How a host replaces the demo's property users (docs/portal.md, "Adapting it to your own users"):
 * its users in Spring Security's standard {@code users} and {@code authorities} tables, each with
 * an authority naming the company it works for. Outside the portal's package, so that the portal's
 * own tests do not pick it up.
 */
// tag::host-users[]
@Configuration(proxyBeanMethods = false)
public class HostUsers {

  /** The host's users and their bcrypt hashes, in the tables users and authorities. */
  @Bean
  JdbcUserDetailsManager hostUserDetails(DataSource dataSource) {
    return new JdbcUserDetailsManager(dataSource);
  }

  /** A user works for the company its authority names: PROVIDER:acme or CLIENT:horizon. */
  @Bean
  AccountResolver hostAccounts() {
    return authentication ->
        authentication.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .map(authority -> account(authentication.getName(), authority))
            .flatMap(Optional::stream)
            .findFirst();
  }

  static Optional<PortalAccount> account(String username, String authority) {
    int colon = authority.indexOf(':');
    if (colon < 0) {
      return Optional.empty();
    }
    String side = authority.substring(0, colon);
    String party = authority.substring(colon + 1);
    if (side.equals("PROVIDER")) {
      return Optional.of(new PortalAccount(username, Side.PROVIDER, party));
    }
    if (side.equals("CLIENT")) {
      return Optional.of(new PortalAccount(username, Side.CLIENT, party));
    }
    return Optional.empty();
  }
}
// end::host-users[]
