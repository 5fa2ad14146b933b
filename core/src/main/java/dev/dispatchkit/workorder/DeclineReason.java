package dev.dispatchkit.workorder;

/** Why a provider declined a work order. */
public enum DeclineReason {
  /** The provider cannot be on site at the expected date. */
  CANT_MAKE_DATE,
  /** The provider does not do this kind of work. */
  TRADE_NOT_SERVICED,
  /** The site lies outside the provider's area. */
  LOCATION_NOT_SERVICED,
  /** The not-to-exceed amount is too low for the job. */
  NTE_TOO_LOW,
  /** Any other reason, given in free text. */
  OTHER
}
