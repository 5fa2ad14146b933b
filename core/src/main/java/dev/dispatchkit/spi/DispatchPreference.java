package dev.dispatchkit.spi;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Where and how a subscriber sends service requests to a provider.
 *
 * @param subscriber the client
 * @param provider the provider
 * @param dispatchAddress the provider's address for service requests; replies must come from it
 * @param allowedSenders further addresses allowed to answer for the provider
 * @param language the language of the emails: French or English
 * @param clientAddress where the client is told about the provider's answers
 * @param addressFailing whether mail to {@link #dispatchAddress()} bounced since it was last set
 */
public record DispatchPreference(
    SubscriberId subscriber,
    ProviderId provider,
    String dispatchAddress,
    List<String> allowedSenders,
    Locale language,
    String clientAddress,
    boolean addressFailing) {

  /** The languages emails are written in. */
  public static final Set<String> LANGUAGES = Set.of("fr", "en");

  /** Checks every part; addresses must be plain addr-specs. */
  public DispatchPreference {
    Objects.requireNonNull(subscriber, "subscriber");
    Objects.requireNonNull(provider, "provider");
    allowedSenders = List.copyOf(allowedSenders);
    Objects.requireNonNull(language, "language");
    if (!ContactPerson.isPlainAddress(dispatchAddress)) {
      throw new ValidationException(
          "DispatchPreference", "dispatchAddress is not an address: " + dispatchAddress);
    }
    if (!ContactPerson.isPlainAddress(clientAddress)) {
      throw new ValidationException(
          "DispatchPreference", "clientAddress is not an address: " + clientAddress);
    }
    for (String sender : allowedSenders) {
      if (!ContactPerson.isPlainAddress(sender)) {
        throw new ValidationException(
            "DispatchPreference", "allowedSenders holds a non-address: " + sender);
      }
    }
    if (!LANGUAGES.contains(language.getLanguage())) {
      throw new ValidationException(
          "DispatchPreference", "language must be fr or en, was " + language.toLanguageTag());
    }
  }

  /** This preference with the failing mark set or cleared. */
  public DispatchPreference withAddressFailing(boolean failing) {
    return new DispatchPreference(
        subscriber, provider, dispatchAddress, allowedSenders, language, clientAddress, failing);
  }
}
