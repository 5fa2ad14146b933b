package dev.dispatchkit.mail;

/**
 * The way into the mail adapter: an SMTP {@link dev.dispatchkit.spi.MailSender} and an IMAP {@link
 * dev.dispatchkit.spi.MailSource}, both on Jakarta Mail.
 *
 * <pre>{@code
 * MailSender sender = JakartaMail.smtp()
 *     .host("smtp.example.com").credentials("dispatch", secret).build();
 * ImapMailSource source = JakartaMail.imap()
 *     .host("imap.example.com").credentials("replies", secret)
 *     .onQuarantine(q -> alerts.warn(q.reason() + " " + q.subject()))
 *     .build();
 * }</pre>
 */
public final class JakartaMail {

  private JakartaMail() {}

  /** A builder for an SMTP sender. */
  public static SmtpMailSender.Builder smtp() {
    return SmtpMailSender.builder();
  }

  /** A builder for an IMAP source. */
  public static ImapMailSource.Builder imap() {
    return ImapMailSource.builder();
  }
}
