package dev.dispatchkit.spi;

/** What an outbound mail is for. The mail sender derives the auto-reply headers from it. */
public enum MailKind {
  /** A service request to a provider; asks auto-responders to stay quiet. */
  DISPATCH,
  /** A notice to the client or a contact person about a work order. */
  NOTIFICATION,
  /**
   * An automatic answer to a provider's mail (a clarification, "already answered"); marked {@code
   * Auto-Submitted: auto-replied} so that other machines never answer it.
   */
  MACHINE_NOTICE
}
