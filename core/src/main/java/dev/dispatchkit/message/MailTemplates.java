package dev.dispatchkit.message;

import dev.dispatchkit.workorder.WorkOrder;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Writes DispatchKit's emails. {@link #defaults()} writes them in French and English; a host that
 * wants its own wording implements this interface and passes it to the builder.
 *
 * <p>Implementations must escape every value they put into HTML and must not start a subject with
 * an auto-reply marker word ("Auto:", "Absence"...), or the provider's mail system would treat the
 * request as machine mail.
 */
public interface MailTemplates {

  /**
   * The service request sent to a provider.
   *
   * @param order the work order, as dispatched
   * @param language French or English
   * @param responseDeadline when the provider's answer is due
   */
  RenderedMail serviceRequest(WorkOrder order, Locale language, Instant responseDeadline);

  /**
   * A short notice about a work order.
   *
   * @param notice which notice
   * @param order the work order
   * @param language French or English
   */
  RenderedMail notice(Notice notice, WorkOrder order, Locale language);

  /**
   * A short notice that also carries a person's words, such as the client's comment on an NTE
   * answer. By default the notice without the comment, so that a host's own templates keep working;
   * the default templates quote it.
   *
   * @param notice which notice
   * @param order the work order
   * @param language French or English
   * @param comment the words to quote; null when none
   */
  default RenderedMail notice(
      Notice notice, WorkOrder order, Locale language, @Nullable String comment) {
    return notice(notice, order, language);
  }

  /** The French and English templates. */
  static MailTemplates defaults() {
    return DefaultTemplates.INSTANCE;
  }
}
