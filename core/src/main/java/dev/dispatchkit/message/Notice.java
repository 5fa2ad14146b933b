package dev.dispatchkit.message;

/** The short emails DispatchKit sends besides the service request itself. */
public enum Notice {
  /** To the provider: the reply was not understood, answer OK or Non. */
  CLARIFICATION,
  /** To the provider: the work order was already answered; nothing changed. */
  ALREADY_ANSWERED,
  /** To the provider: the work order is no longer assigned to them; nothing changed. */
  NO_LONGER_ASSIGNED,
  /** To the client: the provider accepted. */
  PROVIDER_ACCEPTED,
  /** To the client: the provider declined. */
  PROVIDER_DECLINED,
  /** To a contact: the expected date moved. */
  EXPECTED_DATE_CHANGED,
  /** To the client: the provider asks for a higher NTE (the order's pending request). */
  NTE_INCREASE_REQUESTED,
  /** To the provider: the client approved the higher NTE, now in force. */
  NTE_INCREASE_APPROVED,
  /** To the provider: the client rejected the higher NTE; the NTE stays. */
  NTE_INCREASE_REJECTED
}
