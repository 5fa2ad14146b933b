package dev.dispatchkit.workorder;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why and when the provider declined; a work order holds it while it is OPEN/DECLINED.
 *
 * @param reason the reason the provider chose; null when it gave none (a bare "Non")
 * @param text the provider's own words; null when none
 * @param at when the provider declined
 */
public record DeclineDetails(@Nullable DeclineReason reason, @Nullable String text, Instant at) {

  /** The longest text accepted. */
  public static final int MAX_TEXT = 2_000;

  /**
   * @throws dev.dispatchkit.error.ValidationException if the text is blank, too long or holds
   *     control characters
   */
  public DeclineDetails {
    Objects.requireNonNull(at, "at");
    if (text != null) {
      Texts.check("DeclineDetails").paragraphs("text", text, MAX_TEXT, false).orThrow();
    }
  }
}
