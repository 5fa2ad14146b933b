package dev.dispatchkit.portal.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;

/**
 * Maps a logged-in user to the provider or subscriber it works for. The demo's {@link
 * PropertyUsers} reads the mapping from properties; a host defines its own bean (reading a user
 * table, a claim of its identity provider) and the portal uses it instead.
 */
public interface AccountResolver {

  /**
   * The account of an authenticated user; empty when the user works for no provider or subscriber
   * the portal knows, and then the user sees no work order at all.
   */
  Optional<PortalAccount> account(Authentication authentication);
}
