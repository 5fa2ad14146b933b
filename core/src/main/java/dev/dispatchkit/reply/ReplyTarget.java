package dev.dispatchkit.reply;

import dev.dispatchkit.workorder.TrackingNumber;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The work order a reply answers, as the host resolved the message's {@link ReplyCandidates}: what
 * the classifier needs to check the sender and to read dates.
 *
 * @param trackingNumber the work order's tracking number; null only when a target resolved without
 *     a store came from a header and the subject names no number
 * @param allowedSenders the addr-specs allowed to answer for it, normalised by {@link
 *     #normalise(String)}; ignored when {@code anySender}
 * @param anySender whether every sender is allowed (only for targets resolved without a store)
 * @param zone the site's time zone for dates; null to use the offset of the reply's {@code Date}
 * @param correlation which kind of candidate found the work order
 * @param currency the work order's currency, assumed for an NTE amount written without one and
 *     required of one written with one; null when unknown
 */
public record ReplyTarget(
    @Nullable TrackingNumber trackingNumber,
    Set<String> allowedSenders,
    boolean anySender,
    @Nullable ZoneId zone,
    Correlation correlation,
    @Nullable Currency currency) {

  /** Normalises and copies the allowed senders. */
  public ReplyTarget {
    Objects.requireNonNull(correlation, "correlation");
    allowedSenders =
        allowedSenders.stream().map(ReplyTarget::normalise).collect(Collectors.toUnmodifiableSet());
  }

  /**
   * A work order found in the host's store.
   *
   * @param trackingNumber its tracking number
   * @param allowedSenders the provider's dispatch address and any address listed as allowed
   * @param siteZone the site's time zone
   * @param correlation which kind of candidate found it
   */
  public static ReplyTarget of(
      TrackingNumber trackingNumber,
      Collection<String> allowedSenders,
      ZoneId siteZone,
      Correlation correlation) {
    return new ReplyTarget(
        Objects.requireNonNull(trackingNumber, "trackingNumber"),
        Set.copyOf(allowedSenders),
        false,
        Objects.requireNonNull(siteZone, "siteZone"),
        correlation,
        null);
  }

  /**
   * A match without a store: any sender is allowed and dates use the reply's own offset.
   *
   * @param trackingNumber the number in the subject, if any
   * @param correlation which kind of candidate matched
   */
  public static ReplyTarget unchecked(
      @Nullable TrackingNumber trackingNumber, Correlation correlation) {
    return new ReplyTarget(trackingNumber, Set.of(), true, null, correlation, null);
  }

  /** Whether {@code sender} may answer for this work order. */
  public boolean allows(@Nullable String sender) {
    if (anySender) {
      return true;
    }
    return sender != null && allowedSenders.contains(normalise(sender));
  }

  /**
   * How addresses compare: surrounding spaces and angle brackets removed, the domain in lower case,
   * the local part kept as written except that it also compares in lower case (RFC 5321 lets a
   * server treat local parts case-sensitively, but no mailbox provider does, and a provider typing
   * {@code Jo@} instead of {@code jo@} must not be refused). Sub-addresses ({@code jo+x@}) and dots
   * are significant: {@code jo+x@example.com} is another address than {@code jo@example.com}.
   *
   * @param address an addr-spec
   * @return the form used for comparison
   */
  public static String normalise(String address) {
    String a = address.strip();
    if (a.startsWith("<") && a.endsWith(">") && a.length() >= 2) {
      a = a.substring(1, a.length() - 1).strip();
    }
    return a.toLowerCase(Locale.ROOT);
  }

  /** This target with the work order's currency known. */
  public ReplyTarget withCurrency(Currency currency) {
    return new ReplyTarget(
        trackingNumber,
        allowedSenders,
        anySender,
        zone,
        correlation,
        Objects.requireNonNull(currency, "currency"));
  }
}
