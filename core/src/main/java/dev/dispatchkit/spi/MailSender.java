package dev.dispatchkit.spi;

import dev.dispatchkit.error.MailTransportException;

/**
 * Hands outbound mail to a mail server. The outbox relay calls it after the mail's transaction has
 * committed, and again after a failure, so an implementation must send the same {@link
 * OutboundMail#messageId()} every time. Implementations are thread-safe.
 */
public interface MailSender {

  /**
   * Sends one mail.
   *
   * @throws MailTransportException when the mail was not accepted; {@link
   *     MailTransportException#permanent()} tells whether a retry can help
   */
  void send(OutboundMail mail);
}
