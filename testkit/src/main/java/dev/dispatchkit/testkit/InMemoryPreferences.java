package dev.dispatchkit.testkit;

import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.Preferences;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import java.util.Optional;

/** The dispatch preferences of an {@link InMemoryTransaction}. */
final class InMemoryPreferences implements Preferences {
  private final InMemoryTransaction tx;

  InMemoryPreferences(InMemoryTransaction tx) {
    this.tx = tx;
  }

  @Override
  public Optional<DispatchPreference> find(SubscriberId subscriber, ProviderId provider) {
    InMemoryState s = tx.state();
    return Optional.ofNullable(s.preferences.get(new InMemoryState.PrefKey(subscriber, provider)));
  }

  @Override
  public void save(DispatchPreference preference) {
    InMemoryState s = tx.state();
    s.preferences.put(
        new InMemoryState.PrefKey(preference.subscriber(), preference.provider()), preference);
  }
}
