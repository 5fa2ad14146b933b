package dev.dispatchkit.spi;

import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import java.util.Optional;

/** The dispatch preferences of one {@link StoreTransaction}. */
public interface Preferences {

  /** Where and how a subscriber dispatches to a provider. */
  Optional<DispatchPreference> find(SubscriberId subscriber, ProviderId provider);

  /** Adds or replaces a preference. */
  void save(DispatchPreference preference);
}
