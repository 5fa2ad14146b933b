package dev.dispatchkit.portal.security;

import dev.dispatchkit.portal.PortalProperties;
import dev.dispatchkit.portal.PortalProperties.User;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * The demo's users, from {@code portal.users}: each with a bcrypt hash and the provider or
 * subscriber it works for. Demo only: a real portal authenticates against the host's own user store
 * and replaces both roles of this class with beans of its own.
 */
public final class PropertyUsers implements UserDetailsService, AccountResolver {

  private final Map<String, User> users;

  /** The users of the properties. */
  public PropertyUsers(PortalProperties properties) {
    this.users =
        properties.users().stream()
            .collect(Collectors.toUnmodifiableMap(User::username, Function.identity()));
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    User user = users.get(username);
    if (user == null) {
      throw new UsernameNotFoundException("no such user");
    }
    return org.springframework.security.core.userdetails.User.withUsername(user.username())
        .password(user.passwordHash())
        .roles(user.side().name())
        .build();
  }

  @Override
  public Optional<PortalAccount> account(Authentication authentication) {
    return Optional.ofNullable(users.get(authentication.getName()))
        .map(u -> new PortalAccount(u.username(), u.side(), u.party()));
  }

  /** The user names, for the start-up banner. */
  public List<String> usernames() {
    return users.keySet().stream().sorted().toList();
  }
}
