package dev.dispatchkit.workorder;

import static dev.dispatchkit.workorder.Fixtures.ALICE;
import static dev.dispatchkit.workorder.Fixtures.PARIS;
import static dev.dispatchkit.workorder.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ExpectedDateRejectedException;
import dev.dispatchkit.workorder.ExpectedDate.OverlapChoice;
import dev.dispatchkit.workorder.WorkOrderCommand.ChangeExpectedDate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ExpectedDateRuleTest {

  private final WorkOrder order = Fixtures.dispatched();
  private final ExpectedDate friday = ExpectedDate.of(LocalDateTime.of(2026, 3, 6, 9, 0), PARIS);

  @Test
  void aChangeWithNoteFutureDateAndKnownContactIsFine() {
    ChangeExpectedDate change = new ChangeExpectedDate(friday, "Part delayed", ALICE);
    assertThat(ExpectedDateRule.violations(order, change, T0)).isEmpty();
  }

  @Test
  void theNewDateMustBeStrictlyAfterNow() {
    ChangeExpectedDate change = new ChangeExpectedDate(friday, "Part delayed", ALICE);
    assertThat(ExpectedDateRule.violations(order, change, friday.instant()))
        .containsExactly(ExpectedDateViolation.NOT_AFTER_NOW);
    assertThat(ExpectedDateRule.violations(order, change, friday.instant().minusSeconds(60)))
        .isEmpty();
  }

  @Test
  void theSameInstantIsNoChange() {
    ChangeExpectedDate change =
        new ChangeExpectedDate(Fixtures.EXPECTED, "Confirming the date", ALICE);
    assertThat(ExpectedDateRule.violations(order, change, T0))
        .containsExactly(ExpectedDateViolation.UNCHANGED);
  }

  @Test
  void theNewDateMustBeInTheSiteZone() {
    ExpectedDate inLondon =
        ExpectedDate.of(LocalDateTime.of(2026, 3, 6, 8, 0), ZoneId.of("Europe/London"));
    ChangeExpectedDate change = new ChangeExpectedDate(inLondon, "Part delayed", ALICE);
    assertThat(ExpectedDateRule.violations(order, change, T0))
        .containsExactly(ExpectedDateViolation.NOT_IN_SITE_ZONE);
  }

  @Test
  void everyBrokenRuleIsListedInOneError() {
    ChangeExpectedDate change =
        new ChangeExpectedDate(
            Fixtures.EXPECTED, "", new ContactPerson("Eve", "eve@elsewhere.example"));
    Instant afterIt = Fixtures.EXPECTED.instant().plusSeconds(3600);

    assertThatThrownBy(() -> ExpectedDateRule.require(order, change, afterIt))
        .isInstanceOfSatisfying(
            ExpectedDateRejectedException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        ExpectedDateViolation.NOTE_BLANK,
                        ExpectedDateViolation.NOT_AFTER_NOW,
                        ExpectedDateViolation.UNCHANGED,
                        ExpectedDateViolation.CONTACT_NOT_ON_WORK_ORDER));
  }

  @Test
  void anOverlapTimeIsAcceptedOnceTheCallerChoseWhichOne() {
    LocalDateTime twice = LocalDateTime.of(2026, 10, 25, 2, 30);
    ChangeExpectedDate earlier =
        new ChangeExpectedDate(ExpectedDate.of(twice, PARIS, OverlapChoice.EARLIER), "x", ALICE);
    ChangeExpectedDate later =
        new ChangeExpectedDate(ExpectedDate.of(twice, PARIS, OverlapChoice.LATER), "x", ALICE);

    WorkOrder movedEarlier = order.handle(earlier, T0).after();
    WorkOrder movedLater = order.handle(later, T0).after();

    assertThat(movedLater.expectedDate().instant())
        .isEqualTo(movedEarlier.expectedDate().instant().plusSeconds(3600));
    assertThat(movedLater.expectedDate().localDateTime()).isEqualTo(twice);
  }
}
