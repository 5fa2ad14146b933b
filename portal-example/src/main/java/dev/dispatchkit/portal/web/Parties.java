package dev.dispatchkit.portal.web;

import dev.dispatchkit.portal.PortalProperties;
import dev.dispatchkit.portal.PortalProperties.Party;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The names of providers and subscribers, and the providers a work order can go to. Templates call
 * it as {@code @parties}; an id the portal does not know is shown as it is.
 */
@Component("parties")
public final class Parties {

  private final PortalProperties properties;

  Parties(PortalProperties properties) {
    this.properties = properties;
  }

  /** The provider's name. */
  public String provider(ProviderId id) {
    return properties.provider(id.value()).map(Party::name).orElse(id.value());
  }

  /** The subscriber's name. */
  public String subscriber(SubscriberId id) {
    return properties.subscriber(id.value()).map(Party::name).orElse(id.value());
  }

  /** Every provider but {@code current}: those a work order can be reassigned to. */
  public List<Party> providersOtherThan(ProviderId current) {
    return properties.providers().stream().filter(p -> !p.id().equals(current.value())).toList();
  }

  /** Whether the portal knows a provider of this id. */
  public boolean isProvider(String id) {
    return properties.provider(id).isPresent();
  }
}
