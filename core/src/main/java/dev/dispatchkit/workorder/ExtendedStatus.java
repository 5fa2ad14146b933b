package dev.dispatchkit.workorder;

/** The detail under a {@link PrimaryStatus}; {@link Status} lists the legal pairs. */
public enum ExtendedStatus {
  /** No detail: a plain OPEN or CANCELLED. */
  NONE,
  /** OPEN: the provider declined. */
  DECLINED,
  /** IN_PROGRESS: the provider accepted. */
  DISPATCH_CONFIRMED,
  /** IN_PROGRESS: the technician checked in on site. */
  ON_SITE,
  /** IN_PROGRESS: waiting for parts. */
  PARTS_ON_ORDER,
  /** IN_PROGRESS: the visit ended with work left to do. */
  INCOMPLETE,
  /** COMPLETED: waiting for the client to confirm. */
  PENDING_CONFIRMATION,
  /** COMPLETED: the client confirmed. Terminal. */
  CONFIRMED
}
