package dev.dispatchkit.spi;

import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.Objects;

/**
 * One service-request email sent to a provider. Its id is what the reply token carries, and its
 * Message-ID is what a reply's {@code In-Reply-To} names. A reply is only for the provider the
 * dispatch went to.
 *
 * @param dispatchId unique across the store; chosen at random by the core
 * @param key the work order
 * @param provider the provider it was sent to
 * @param messageId the dispatch email's Message-ID, without angle brackets; unique
 * @param at when it was queued
 */
public record DispatchRecord(
    long dispatchId, WorkOrderKey key, ProviderId provider, String messageId, Instant at) {
  /** Every part is required. */
  public DispatchRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(messageId, "messageId");
    Objects.requireNonNull(at, "at");
  }
}
