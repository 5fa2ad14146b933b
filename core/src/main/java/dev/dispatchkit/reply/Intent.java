package dev.dispatchkit.reply;

/** What a reply means for the work order it answers. See the reply policy. */
public enum Intent {
  /** The provider accepts: Open becomes In Progress / Dispatch Confirmed. */
  ACCEPT,
  /** The provider declines: Open becomes Open / Declined. */
  DECLINE,
  /** A human must read it: nothing changes, the text is kept as a note and flagged. */
  UNCLEAR,
  /** An out-of-office or other machine reply: logged, never answered (no mail loops). */
  AUTO_REPLY,
  /** A delivery failure report: the dispatch address is marked as failing. */
  BOUNCE,
  /**
   * The provider asks for a higher NTE, with an amount read unambiguously: the request is recorded
   * and the client is told.
   */
  NTE_INCREASE
}
