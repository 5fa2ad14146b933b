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
  EXPECTED_DATE_CHANGED
}
