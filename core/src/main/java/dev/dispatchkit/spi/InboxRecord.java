package dev.dispatchkit.spi;

import dev.dispatchkit.error.ValidationException;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An inbound message that was handled, kept so that it is never applied twice, and, when a person
 * must read it, with what that person needs: its subject and text.
 *
 * @param dedupKey the message's Message-ID, or a hash of its content when it has none; unique
 * @param messageId the Message-ID, when it had one
 * @param from the sender's address, when known
 * @param receivedAt when it was handled
 * @param intent what the classifier decided
 * @param reason the reason code of the decision
 * @param key the work order it was about, when one was found
 * @param outcome what was done, such as {@code applied}, {@code ignored-duplicate-decision}
 * @param needsReview whether a person should still read it: true from {@link Inbox#record} until
 *     {@link Inbox#markReviewed} resolves it, then false
 * @param subject the subject as received, cut at {@value #MAX_SUBJECT} characters; null when not
 *     kept
 * @param text the reply text as received (the new text, and the body when it differs), cut at
 *     {@value #MAX_TEXT} characters; null when not kept
 * @param reviewedAt when a person resolved it; null until then
 * @param reviewOutcome what that person decided, such as {@code ACCEPT}; null until then
 */
public record InboxRecord(
    String dedupKey,
    @Nullable String messageId,
    @Nullable String from,
    Instant receivedAt,
    Intent intent,
    String reason,
    @Nullable WorkOrderKey key,
    String outcome,
    boolean needsReview,
    @Nullable String subject,
    @Nullable String text,
    @Nullable Instant reviewedAt,
    @Nullable String reviewOutcome) {

  /**
   * The most characters of text kept: 16 KiB of characters, enough for any reply a person reads and
   * small enough for a review page (and a MariaDB {@code MEDIUMTEXT}) to hold.
   */
  public static final int MAX_TEXT = 16 * 1024;

  /** The most characters of subject kept: far more than a mail client shows. */
  public static final int MAX_SUBJECT = 1000;

  /**
   * Checks the required parts and cuts subject and text at their limits (never inside a surrogate
   * pair).
   *
   * @throws ValidationException when only one of {@code reviewedAt} and {@code reviewOutcome} is
   *     present, or a reviewed record still needs review
   */
  public InboxRecord {
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Objects.requireNonNull(intent, "intent");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(outcome, "outcome");
    subject = cut(subject, MAX_SUBJECT);
    text = cut(text, MAX_TEXT);
    if ((reviewedAt == null) != (reviewOutcome == null)) {
      throw new ValidationException(
          "InboxRecord", "reviewedAt and reviewOutcome are both present or both absent");
    }
    if (reviewedAt != null && needsReview) {
      throw new ValidationException("InboxRecord", "a reviewed record no longer needs review");
    }
  }

  /** A record without subject and text, not reviewed: for messages no person reads. */
  public InboxRecord(
      String dedupKey,
      @Nullable String messageId,
      @Nullable String from,
      Instant receivedAt,
      Intent intent,
      String reason,
      @Nullable WorkOrderKey key,
      String outcome,
      boolean needsReview) {
    this(
        dedupKey,
        messageId,
        from,
        receivedAt,
        intent,
        reason,
        key,
        outcome,
        needsReview,
        null,
        null,
        null,
        null);
  }

  /** This record as a person resolved it: no longer needing review. */
  public InboxRecord reviewed(String reviewOutcome, Instant at) {
    return new InboxRecord(
        dedupKey,
        messageId,
        from,
        receivedAt,
        intent,
        reason,
        key,
        outcome,
        false,
        subject,
        text,
        Objects.requireNonNull(at, "at"),
        Objects.requireNonNull(reviewOutcome, "reviewOutcome"));
  }

  private static @Nullable String cut(@Nullable String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }
}
