package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.workorder.SubscriberId;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The behaviour of the {@link dev.dispatchkit.spi.Preferences} port: found by subscriber and
 * provider, replaced when saved again. An adapter's test extends this class and returns a new,
 * empty store from {@link #createStore()}; every test here must pass unchanged. {@link
 * WorkOrderStoreContract} runs this contract together with those of the other ports.
 */
public abstract class PreferencesContract extends StoreContract {

  /** A preference is found by subscriber and provider, and saving again replaces it. */
  @Test
  protected void preferencesAreSavedAndReplaced() {
    DispatchPreference pref = Fixtures.preference();
    DispatchPreference other =
        Fixtures.preference(
            Fixtures.OTHER_PROVIDER, Fixtures.OTHER_PROVIDER_ADDRESS, Locale.ENGLISH);
    store.inTransaction(
        tx -> {
          tx.preferences().save(pref);
          tx.preferences().save(other);
          return null;
        });
    assertThat(readPreference(Fixtures.SUBSCRIBER, Fixtures.PROVIDER)).contains(pref);
    DispatchPreference failing = pref.withAddressFailing(true);
    store.inTransaction(
        tx -> {
          tx.preferences().save(failing);
          return null;
        });
    assertThat(readPreference(Fixtures.SUBSCRIBER, Fixtures.PROVIDER)).contains(failing);
    assertThat(readPreference(Fixtures.SUBSCRIBER, Fixtures.OTHER_PROVIDER)).contains(other);
    assertThat(readPreference(SubscriberId.of("nobody"), Fixtures.PROVIDER)).isEmpty();
  }
}
