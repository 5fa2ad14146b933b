package dev.dispatchkit.message;

import dev.dispatchkit.workorder.WorkOrder;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Writes DispatchKit's emails. {@link #defaults()} writes them in French and English; {@link
 * #builder()} keeps that layout with labels of the host's own (another language, other words); a
 * host that wants its own wording altogether implements this interface and passes it to the
 * builder.
 *
 * <pre>{@code
 * MailTemplates templates =
 *     MailTemplates.builder()
 *         .labels(Locale.GERMAN, Map.of("field.trade", "Gewerk", "priority.URGENT", "Dringend"))
 *         .labels(Locale.FRENCH, Map.of("trade.HVAC", "CVC"))
 *         .build();
 * }</pre>
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
   * @param language the language of the dispatch preference
   * @param responseDeadline when the provider's answer is due
   */
  RenderedMail serviceRequest(WorkOrder order, Locale language, Instant responseDeadline);

  /**
   * A short notice about a work order.
   *
   * @param notice which notice
   * @param order the work order
   * @param language the language of the dispatch preference
   */
  RenderedMail notice(Notice notice, WorkOrder order, Locale language);

  /**
   * To the provider: the client refused the completion. The default writes it with the default
   * labels.
   *
   * @param order the work order, IN_PROGRESS/INCOMPLETE again
   * @param language the language of the dispatch preference
   * @param reason what the client found still wrong
   */
  default RenderedMail completionRejected(WorkOrder order, Locale language, String reason) {
    return DefaultTemplates.INSTANCE.completionRejected(order, language, reason);
  }

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

  /** A builder of the default templates with the host's labels. */
  static Builder builder() {
    return new Builder();
  }

  /** Builds the default templates over {@link MailLabels}. Not thread-safe. */
  final class Builder {
    private MailLabels labels = MailLabels.defaults();

    private Builder() {}

    /**
     * Adds or overrides labels of {@code language}; see {@link MailLabels} for the keys.
     *
     * @throws dev.dispatchkit.error.ConfigurationException if a key or value is blank, or the date
     *     pattern is invalid
     */
    public Builder labels(Locale language, Map<String, String> labels) {
      this.labels = this.labels.with(language, Objects.requireNonNull(labels, "labels"));
      return this;
    }

    /** The templates. */
    public MailTemplates build() {
      return new DefaultTemplates(labels);
    }
  }
}
