package dev.dispatchkit.workorder;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's pending request for a higher NTE, waiting for the client's answer.
 *
 * @param requested the NTE the provider asks for
 * @param reason why, in the provider's words
 * @param at when the provider asked
 */
public record NteIncreaseRequest(Nte requested, String reason, Instant at) {

  /** The longest reason accepted. */
  public static final int MAX_REASON = 2_000;

  /**
   * @throws dev.dispatchkit.error.ValidationException if the reason is blank, too long or holds
   *     control characters
   */
  public NteIncreaseRequest {
    Objects.requireNonNull(requested, "requested");
    Objects.requireNonNull(at, "at");
    Texts.check("NteIncreaseRequest").paragraphs("reason", reason, MAX_REASON, false).orThrow();
  }
}
