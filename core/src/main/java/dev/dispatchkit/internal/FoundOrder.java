package dev.dispatchkit.internal;

import dev.dispatchkit.reply.Correlation;
import dev.dispatchkit.reply.ReplyCandidates;
import dev.dispatchkit.reply.ReplyTarget;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.DispatchRecord;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.WorkOrder;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The work order a reply answers, as the store resolved the reply's candidates.
 *
 * @param target what the classifier needs: tracking number, allowed senders, zone, correlation
 * @param order the work order as the transaction read it
 * @param provider the provider the reply speaks for: the one dispatched to, which may no longer
 *     hold the order
 * @param preference the dispatch preference of the order's subscriber and that provider
 * @param noLongerAssigned whether the reply answers an older dispatch of a reassigned order
 */
record FoundOrder(
    ReplyTarget target,
    WorkOrder order,
    ProviderId provider,
    DispatchPreference preference,
    boolean noLongerAssigned) {

  FoundOrder {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(preference, "preference");
  }

  /**
   * Looks the candidates up in the policy's order; the first that resolves wins.
   *
   * @return the work order, or null when no candidate resolves
   */
  static @Nullable FoundOrder lookUp(StoreTransaction tx, ReplyCandidates candidates) {
    for (long dispatchId : candidates.dispatchIds()) {
      Optional<FoundOrder> found =
          tx.dispatches().find(dispatchId).flatMap(r -> fromDispatch(tx, r, Correlation.TOKEN));
      if (found.isPresent()) {
        return found.get();
      }
    }
    for (String messageId : candidates.messageIds()) {
      Optional<FoundOrder> found =
          tx.dispatches()
              .findByMessageId(messageId)
              .flatMap(r -> fromDispatch(tx, r, Correlation.IN_REPLY_TO));
      if (found.isPresent()) {
        return found.get();
      }
    }
    if (candidates.subjectNumber() != null) {
      List<WorkOrder> found = tx.workOrders().findByTrackingNumber(candidates.subjectNumber());
      // The same number at two subscribers names neither of them.
      if (found.size() == 1) {
        WorkOrder o = found.get(0);
        return of(tx, o, o.provider(), false, Correlation.SUBJECT).orElse(null);
      }
    }
    return null;
  }

  private static Optional<FoundOrder> fromDispatch(
      StoreTransaction tx, DispatchRecord record, Correlation correlation) {
    Optional<WorkOrder> found = tx.workOrders().find(record.key());
    if (found.isEmpty()) {
      return Optional.empty();
    }
    WorkOrder o = found.get();
    // A reply to an older dispatch of a reassigned order speaks for a provider that no longer
    // holds it.
    boolean stale =
        !o.provider().equals(record.provider())
            || (o.dispatchMessageId() != null && !o.dispatchMessageId().equals(record.messageId()));
    return of(tx, o, record.provider(), stale, correlation);
  }

  private static Optional<FoundOrder> of(
      StoreTransaction tx, WorkOrder o, ProviderId p, boolean stale, Correlation correlation) {
    Optional<DispatchPreference> pref = tx.preferences().find(o.subscriber(), p);
    if (pref.isEmpty()) {
      return Optional.empty();
    }
    ReplyTarget target =
        ReplyTarget.of(o.trackingNumber(), senders(pref.get()), o.site().zone(), correlation)
            .withCurrency(o.nte().currency());
    return Optional.of(new FoundOrder(target, o, p, pref.get(), stale));
  }

  /** How the work order was found. */
  Correlation correlation() {
    return target.correlation();
  }

  /** Whether the sender is one of the provider's configured addresses. */
  boolean allowedSender(@Nullable String sender) {
    return configuredAddress(sender).isPresent();
  }

  /** The configured address a sender stands for; answers go there, never to the raw header. */
  Optional<String> configuredAddress(@Nullable String sender) {
    if (sender == null) {
      return Optional.empty();
    }
    String normalised = ReplyTarget.normalise(sender);
    return senders(preference).stream()
        .filter(a -> ReplyTarget.normalise(a).equals(normalised))
        .findFirst();
  }

  private static Set<String> senders(DispatchPreference pref) {
    Set<String> all = new LinkedHashSet<>();
    all.add(pref.dispatchAddress());
    all.addAll(pref.allowedSenders());
    return all;
  }
}
