package dev.dispatchkit.mail;

/** How a connection to a mail server is protected. */
public enum MailSecurity {
  /** No encryption at all; for a relay on the same host or for tests. */
  NONE,
  /**
   * A plain connection upgraded with {@code STARTTLS} before authenticating. The upgrade is
   * required: a server that does not offer it is refused rather than used in clear text.
   */
  STARTTLS,
  /** TLS from the first byte, as SMTPS (port 465) and IMAPS (port 993) do. */
  IMPLICIT_TLS
}
