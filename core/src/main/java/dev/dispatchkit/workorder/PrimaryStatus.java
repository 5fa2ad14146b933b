package dev.dispatchkit.workorder;

/** The main stage of a work order, as providers know it. */
public enum PrimaryStatus {
  /** Dispatched, waiting for the provider's answer (or declined and waiting for reassignment). */
  OPEN,
  /** Accepted by the provider; the work is under way. */
  IN_PROGRESS,
  /** The provider finished; the client may confirm. */
  COMPLETED,
  /** The client cancelled the work order. Terminal. */
  CANCELLED
}
