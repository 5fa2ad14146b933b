package dev.dispatchkit.reply;

import dev.dispatchkit.workorder.TrackingNumber;
import java.util.Optional;

/**
 * What the classifier asks the host while reading a reply: which work order it answers, who may
 * answer for it, and the site's time zone. The DispatchKit facade implements it over its store;
 * {@link #withoutStore()} serves tools that have no store.
 *
 * <p>Implementations must not throw; return empty when nothing matches.
 */
public interface ReplyContext {

  /**
   * The work order of a dispatch, from the dispatch id a verified reply token carries. The host
   * returns empty when it does not know the dispatch.
   *
   * @param dispatchId the id the host chose when it issued the token
   */
  Optional<ReplyTarget> findByDispatchId(long dispatchId);

  /**
   * The work order whose dispatch email had this Message-ID, for an {@code In-Reply-To} or {@code
   * References} id.
   *
   * @param messageId a message id without angle brackets
   */
  Optional<ReplyTarget> findByMessageId(String messageId);

  /**
   * The work order with this tracking number, read from the reply's subject.
   *
   * @param trackingNumber the number found in the subject
   */
  Optional<ReplyTarget> findByTrackingNumber(TrackingNumber trackingNumber);

  /**
   * A context for tools with no store, such as the {@code reply-check} command: a tracking number
   * in the subject or any {@code In-Reply-To}/{@code References} header counts as found, any sender
   * is allowed, and dates are read in the offset of the reply's {@code Date} header. Reply tokens
   * are not looked up (no dispatch is known).
   */
  static ReplyContext withoutStore() {
    return NoStoreContext.INSTANCE;
  }
}
