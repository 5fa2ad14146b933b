package dev.dispatchkit.portal.access;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.portal.security.PortalAccount;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.query.WorkOrderQuery;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The one access rule of the portal: a provider's user sees the work orders assigned to its
 * company, a client's user those of its subscriber, and nobody anything else. Every controller
 * reads work orders through this class; whatever it does not return answers 404.
 */
@Component
public final class OrderAccess {

  private final DispatchKit kit;

  /** The rule over the kit. */
  public OrderAccess(DispatchKit kit) {
    this.kit = kit;
  }

  /** Whether the account may see the work order. */
  public boolean canSee(PortalAccount account, WorkOrder order) {
    return account.isProvider()
        ? order.provider().equals(account.provider())
        : order.subscriber().equals(account.subscriber());
  }

  /**
   * A page of the query's work orders, narrowed to those the account may see: the query's provider
   * (for a provider's user) or subscriber (for a client's user) is set to the account's own, and a
   * query that asks for another company's finds nothing.
   */
  public WorkOrderPage list(PortalAccount account, WorkOrderQuery query) {
    SubscriberId subscriber = query.subscriber();
    ProviderId provider = query.provider();
    if (account.isProvider()) {
      if (provider != null && !provider.equals(account.provider())) {
        return new WorkOrderPage(List.of(), 0);
      }
      provider = account.provider();
    } else {
      if (subscriber != null && !subscriber.equals(account.subscriber())) {
        return new WorkOrderPage(List.of(), 0);
      }
      subscriber = account.subscriber();
    }
    return kit.list(
        new WorkOrderQuery(
            subscriber,
            provider,
            query.siteName(),
            query.priorities(),
            query.primaryStatuses(),
            query.extendedStatuses(),
            query.flags(),
            query.asOf(),
            query.policies(),
            query.sort(),
            query.offset(),
            query.limit(),
            query.after(),
            query.countCap()));
  }

  /**
   * The work orders with this tracking number that the account may see: at most one for a client,
   * one per subscriber for a provider. Empty for a malformed number.
   */
  public List<WorkOrder> findByTrackingNumber(PortalAccount account, String trackingNumber) {
    String candidate = trackingNumber.strip();
    if (!TrackingNumber.isValid(candidate)) {
      return List.of();
    }
    return kit.findByTrackingNumber(TrackingNumber.of(candidate)).stream()
        .filter(order -> canSee(account, order))
        .toList();
  }

  /**
   * The work order named by a URL's subscriber and tracking number.
   *
   * @throws NotVisibleException when there is none or the account may not see it
   */
  public WorkOrder require(PortalAccount account, String subscriber, String trackingNumber) {
    if (!TrackingNumber.isValid(trackingNumber) || !isSubscriberId(subscriber)) {
      throw new NotVisibleException();
    }
    Optional<WorkOrder> order =
        kit.find(SubscriberId.of(subscriber), TrackingNumber.of(trackingNumber));
    return order.filter(o -> canSee(account, o)).orElseThrow(NotVisibleException::new);
  }

  /**
   * An attachment of a work order the account may see.
   *
   * @throws NotVisibleException when the work order is not visible or does not carry the id
   */
  public AttachmentRef requireAttachment(
      PortalAccount account, String subscriber, String trackingNumber, String attachmentId) {
    WorkOrder order = require(account, subscriber, trackingNumber);
    return order.attachments().stream()
        .filter(a -> a.id().equals(attachmentId))
        .findFirst()
        .orElseThrow(NotVisibleException::new);
  }

  private static boolean isSubscriberId(String candidate) {
    try {
      SubscriberId.of(candidate);
      return true;
    } catch (ValidationException e) {
      // A malformed id in a URL names nothing; the visitor needs not know why.
      return false;
    }
  }
}
