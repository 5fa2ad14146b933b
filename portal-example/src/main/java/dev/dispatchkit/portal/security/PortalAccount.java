package dev.dispatchkit.portal.security;

import dev.dispatchkit.portal.PortalProperties.Side;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import java.util.Objects;

/**
 * Who is using the portal, as far as work orders are concerned: a provider's user or a client's
 * user, and the provider or subscriber it works for. {@link AccountResolver} makes one from the
 * logged-in user.
 *
 * @param username the login
 * @param side which side the user is on
 * @param party the provider id or the subscriber id
 */
public record PortalAccount(String username, Side side, String party) {

  /** Checks every part is present. */
  public PortalAccount {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(party, "party");
  }

  /** Whether the user works for a provider. */
  public boolean isProvider() {
    return side == Side.PROVIDER;
  }

  /** Whether the user works for a client. */
  public boolean isClient() {
    return side == Side.CLIENT;
  }

  /**
   * The provider the user works for.
   *
   * @throws IllegalStateException for a client's user
   */
  public ProviderId provider() {
    if (!isProvider()) {
      throw new IllegalStateException(username + " is not a provider's user");
    }
    return ProviderId.of(party);
  }

  /**
   * The subscriber the user works for.
   *
   * @throws IllegalStateException for a provider's user
   */
  public SubscriberId subscriber() {
    if (!isClient()) {
      throw new IllegalStateException(username + " is not a client's user");
    }
    return SubscriberId.of(party);
  }
}
