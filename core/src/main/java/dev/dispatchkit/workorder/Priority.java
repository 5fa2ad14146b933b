package dev.dispatchkit.workorder;

/**
 * How fast a provider must answer and arrive. The windows of each priority are set in the host's
 * {@code DispatchPolicies}.
 */
public enum Priority {
  /** Safety, security or business stops: answer within minutes. */
  URGENT,
  /** Everything else: answer within a day. */
  NON_URGENT
}
