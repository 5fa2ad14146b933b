package dev.dispatchkit.reply;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A received email, independent of any transport. The mail adapter builds it from raw MIME; tests
 * and hosts can build one directly with {@link #builder()}.
 *
 * <p>Addresses are bare addr-specs ({@code jo@example.com}), without display names. Bodies are
 * decoded text.
 *
 * @param messageId the {@code Message-ID} without angle brackets; null when absent
 * @param inReplyTo the {@code In-Reply-To} message id without angle brackets; null when absent
 * @param references the {@code References} message ids without angle brackets, oldest first
 * @param from the sender's address; null when absent or unparseable
 * @param to the {@code To} addresses
 * @param cc the {@code Cc} addresses
 * @param deliveredTo the {@code Delivered-To} addresses
 * @param originalTo the {@code X-Original-To} addresses
 * @param subject the decoded subject; empty when absent
 * @param date the {@code Date} header with the sender's offset; null when absent or unparseable
 * @param headers every header field, decoded
 * @param textBody the {@code text/plain} body; null when the message has none
 * @param htmlBody the {@code text/html} body; null when the message has none
 * @param attachments the attachments and inline images
 */
public record InboundMessage(
    @Nullable String messageId,
    @Nullable String inReplyTo,
    List<String> references,
    @Nullable String from,
    List<String> to,
    List<String> cc,
    List<String> deliveredTo,
    List<String> originalTo,
    String subject,
    @Nullable OffsetDateTime date,
    MailHeaders headers,
    @Nullable String textBody,
    @Nullable String htmlBody,
    List<InboundAttachment> attachments) {

  /** Copies the lists, so a message never changes once built. */
  public InboundMessage {
    references = List.copyOf(references);
    to = List.copyOf(to);
    cc = List.copyOf(cc);
    deliveredTo = List.copyOf(deliveredTo);
    originalTo = List.copyOf(originalTo);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(headers, "headers");
    attachments = List.copyOf(attachments);
  }

  /** A builder where every part is optional. */
  public static Builder builder() {
    return new Builder();
  }

  /** Every recipient address that may carry a reply token: To, Cc, Delivered-To, X-Original-To. */
  public List<String> recipients() {
    List<String> all = new ArrayList<>(to.size() + cc.size() + deliveredTo.size() + 2);
    all.addAll(to);
    all.addAll(cc);
    all.addAll(deliveredTo);
    all.addAll(originalTo);
    return List.copyOf(all);
  }

  /** Builds an {@link InboundMessage}; every part is optional. Not thread-safe. */
  public static final class Builder {
    private @Nullable String messageId;
    private @Nullable String inReplyTo;
    private List<String> references = List.of();
    private @Nullable String from;
    private List<String> to = List.of();
    private List<String> cc = List.of();
    private List<String> deliveredTo = List.of();
    private List<String> originalTo = List.of();
    private String subject = "";
    private @Nullable OffsetDateTime date;
    private MailHeaders headers = MailHeaders.empty();
    private @Nullable String textBody;
    private @Nullable String htmlBody;
    private List<InboundAttachment> attachments = List.of();

    private Builder() {}

    /** The message id, without angle brackets. */
    public Builder messageId(@Nullable String messageId) {
      this.messageId = messageId;
      return this;
    }

    /** The {@code In-Reply-To} message id, without angle brackets. */
    public Builder inReplyTo(@Nullable String inReplyTo) {
      this.inReplyTo = inReplyTo;
      return this;
    }

    /** The {@code References} message ids, without angle brackets, oldest first. */
    public Builder references(List<String> references) {
      this.references = references;
      return this;
    }

    /** The sender's address. */
    public Builder from(@Nullable String from) {
      this.from = from;
      return this;
    }

    /** The {@code To} addresses. */
    public Builder to(List<String> to) {
      this.to = to;
      return this;
    }

    /** The {@code To} addresses. */
    public Builder to(String... to) {
      return to(List.of(to));
    }

    /** The {@code Cc} addresses. */
    public Builder cc(List<String> cc) {
      this.cc = cc;
      return this;
    }

    /** The {@code Delivered-To} addresses. */
    public Builder deliveredTo(List<String> deliveredTo) {
      this.deliveredTo = deliveredTo;
      return this;
    }

    /** The {@code X-Original-To} addresses. */
    public Builder originalTo(List<String> originalTo) {
      this.originalTo = originalTo;
      return this;
    }

    /** The decoded subject. */
    public Builder subject(String subject) {
      this.subject = subject;
      return this;
    }

    /** The {@code Date} header, with the sender's offset. */
    public Builder date(@Nullable OffsetDateTime date) {
      this.date = date;
      return this;
    }

    /** Every header field. */
    public Builder headers(MailHeaders headers) {
      this.headers = headers;
      return this;
    }

    /** The {@code text/plain} body. */
    public Builder textBody(@Nullable String textBody) {
      this.textBody = textBody;
      return this;
    }

    /** The {@code text/html} body. */
    public Builder htmlBody(@Nullable String htmlBody) {
      this.htmlBody = htmlBody;
      return this;
    }

    /** The attachments and inline images. */
    public Builder attachments(List<InboundAttachment> attachments) {
      this.attachments = attachments;
      return this;
    }

    /** The message. */
    public InboundMessage build() {
      return new InboundMessage(
          messageId,
          inReplyTo,
          references,
          from,
          to,
          cc,
          deliveredTo,
          originalTo,
          subject,
          date,
          headers,
          textBody,
          htmlBody,
          attachments);
    }
  }
}
