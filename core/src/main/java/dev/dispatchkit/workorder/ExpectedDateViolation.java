package dev.dispatchkit.workorder;

/** A rule an expected-date change can break; see {@link ExpectedDateRule}. */
public enum ExpectedDateViolation {
  /** The note explaining the change is blank. */
  NOTE_BLANK,
  /** The new date is not after now. */
  NOT_AFTER_NOW,
  /** The new date names the same instant as the current one. */
  UNCHANGED,
  /** The new date is not in the site's time zone. */
  NOT_IN_SITE_ZONE,
  /** The contact to notify is not one of the work order's contacts. */
  CONTACT_NOT_ON_WORK_ORDER
}
