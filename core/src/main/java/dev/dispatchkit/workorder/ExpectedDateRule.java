package dev.dispatchkit.workorder;

import dev.dispatchkit.error.ExpectedDateRejectedException;
import dev.dispatchkit.workorder.WorkOrderCommand.ChangeExpectedDate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of an expected-date change: a non-blank note, a new date after now and different from
 * the current one, in the site's zone, and one of the work order's contacts to notify.
 *
 * <p>Daylight-saving gaps and overlaps are handled before this rule runs: an {@link
 * dev.dispatchkit.workorder.ExpectedDate} cannot name a local time that does not exist, and names
 * one that exists twice only with an explicit choice.
 */
public final class ExpectedDateRule {

  private ExpectedDateRule() {}

  /**
   * Every rule the change breaks, in the order of {@link ExpectedDateViolation}; empty when it may
   * go ahead. Never throws.
   *
   * @param order the work order as it is
   * @param change the requested change
   * @param now the current instant
   */
  public static List<ExpectedDateViolation> violations(
      WorkOrder order, ChangeExpectedDate change, Instant now) {
    List<ExpectedDateViolation> violations = new ArrayList<>();
    if (change.note().isBlank()) {
      violations.add(ExpectedDateViolation.NOTE_BLANK);
    }
    if (!change.newDate().instant().isAfter(now)) {
      violations.add(ExpectedDateViolation.NOT_AFTER_NOW);
    }
    if (change.newDate().instant().equals(order.expectedDate().instant())) {
      violations.add(ExpectedDateViolation.UNCHANGED);
    }
    if (!change.newDate().zone().equals(order.site().zone())) {
      violations.add(ExpectedDateViolation.NOT_IN_SITE_ZONE);
    }
    if (!order.contacts().contains(change.contactToNotify())) {
      violations.add(ExpectedDateViolation.CONTACT_NOT_ON_WORK_ORDER);
    }
    return List.copyOf(violations);
  }

  /**
   * Refuses a change that breaks a rule.
   *
   * @throws ExpectedDateRejectedException listing every broken rule
   */
  public static void require(WorkOrder order, ChangeExpectedDate change, Instant now) {
    List<ExpectedDateViolation> violations = violations(order, change, now);
    if (!violations.isEmpty()) {
      throw new ExpectedDateRejectedException(order.trackingNumber(), violations);
    }
  }
}
