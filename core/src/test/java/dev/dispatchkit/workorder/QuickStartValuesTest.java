package dev.dispatchkit.workorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ValidationException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The values a new host meets first: the dispatch builder, NTE errors, printed forms. */
class QuickStartValuesTest {

  @Test
  void theDispatchBuilderNamesItsFieldsAndBuildsTheSameCommand() {
    WorkOrderCommand.Dispatch built =
        WorkOrderCommand.Dispatch.builder()
            .trackingNumber("100200")
            .subscriber("client-1")
            .provider(Fixtures.PROVIDER)
            .site(Fixtures.SITE)
            .problem(Fixtures.PROBLEM)
            .priority(Priority.URGENT)
            .nte(Fixtures.NTE)
            .expectedDate(Fixtures.EXPECTED.localDateTime())
            .contact(Fixtures.ALICE)
            .contact(Fixtures.BOB)
            .build();
    assertThat(built).isEqualTo(Fixtures.dispatchCommand());
    assertThat(
            WorkOrderCommand.Dispatch.builder()
                .trackingNumber("100200")
                .subscriber("client-1")
                .provider(Fixtures.PROVIDER)
                .site(Fixtures.SITE)
                .problem(Fixtures.PROBLEM)
                .priority(Priority.URGENT)
                .nte(Fixtures.NTE)
                .expectedDate(Fixtures.EXPECTED)
                .contacts(List.of(Fixtures.ALICE, Fixtures.BOB))
                .build())
        .isEqualTo(built);
  }

  @Test
  void theDispatchBuilderNamesEveryMissingFieldAtOnce() {
    assertThatThrownBy(
            () ->
                WorkOrderCommand.Dispatch.builder()
                    .trackingNumber("100200")
                    .site(Fixtures.SITE)
                    .build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.violations())
                    .containsExactly(
                        "missing: subscriber, provider, problem, priority, nte, expectedDate"))
        .hasMessageStartingWith("Dispatch: ");
    // A local expected date is read in the site's zone, which refuses one in a DST gap.
    assertThatThrownBy(
            () ->
                WorkOrderCommand.Dispatch.builder()
                    .trackingNumber("100200")
                    .subscriber("client-1")
                    .provider(Fixtures.PROVIDER)
                    .site(Fixtures.SITE)
                    .problem(Fixtures.PROBLEM)
                    .priority(Priority.URGENT)
                    .nte(Fixtures.NTE)
                    .expectedDate(LocalDateTime.of(2026, 3, 29, 2, 30))
                    .build())
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("ExpectedDate");
  }

  @Test
  void aNegativeNteNamesNteAndWhatIsAllowed() {
    for (Runnable negative :
        List.<Runnable>of(
            () -> Nte.of("-5.00", "EUR"),
            () -> Nte.of(new BigDecimal("-5"), Currency.getInstance("EUR")),
            () -> Nte.of("0", "EUR"))) {
      assertThatThrownBy(negative::run)
          .isInstanceOfSatisfying(
              ValidationException.class, e -> assertThat(e.subject()).isEqualTo("Nte"))
          .hasMessageStartingWith("Nte: the amount must be positive (greater than zero), was ");
    }
    assertThatThrownBy(() -> Money.of("-1", "EUR"))
        .hasMessage("Money: the amount must be zero or more, was -1");
  }

  @Test
  void workOrdersAndEventsPrintOnOneShortLine() {
    WorkOrder order = Fixtures.dispatched();
    assertThat(order.toString())
        .isEqualTo(
            "WorkOrder[#100200 client-1/acme-plumbing OPEN, expected 2026-03-04T10:00"
                + " Europe/Paris, v1]");
    Change moved =
        order.handle(
            new WorkOrderCommand.ChangeExpectedDate(
                ExpectedDate.of(LocalDateTime.of(2026, 3, 5, 14, 0), Fixtures.PARIS),
                "the site opens later",
                Fixtures.ALICE),
            Fixtures.T0.plus(Duration.ofMinutes(1)));
    assertThat(moved.event().toString())
        .isEqualTo(
            "ExpectedDateChanged[#100200 v2 at 2026-03-02T08:01:00Z, 2026-03-04T10:00"
                + " Europe/Paris -> 2026-03-05T14:00 Europe/Paris, reschedule 1 \"the site opens"
                + " later\"]");
    assertThat(WorkOrder.dispatch(Fixtures.dispatchCommand(), Fixtures.T0).event().toString())
        .isEqualTo(
            "Dispatched[#100200 v1 at 2026-03-02T08:00:00Z, client-1/acme-plumbing URGENT,"
                + " NTE 500.00 EUR, expected 2026-03-04T10:00 Europe/Paris]")
        .doesNotContain("Site[", "Problem[", "ContactPerson[");
  }

  @Test
  void theProvidersCommitmentMovesTheDateWithoutCountingAReschedule() {
    WorkOrder order = Fixtures.dispatched();
    ExpectedDate thursday = ExpectedDate.of(LocalDateTime.of(2026, 3, 5, 14, 0), Fixtures.PARIS);
    Change committed =
        order.handle(
            WorkOrderCommand.ChangeExpectedDate.providerCommitment(
                thursday, "OK, jeudi 14h", Fixtures.ALICE),
            Fixtures.T0.plus(Duration.ofMinutes(1)));
    assertThat(committed.after().expectedDate()).isEqualTo(thursday);
    assertThat(committed.after().rescheduleCount()).isZero();
    Change rescheduled =
        committed
            .after()
            .handle(
                new WorkOrderCommand.ChangeExpectedDate(
                    order.expectedDate(), "back to Wednesday", Fixtures.ALICE),
                Fixtures.T0.plus(Duration.ofMinutes(2)));
    assertThat(rescheduled.after().rescheduleCount()).isEqualTo(1);
    assertThat(
            WorkOrder.replay(
                List.of(
                    WorkOrder.dispatch(Fixtures.dispatchCommand(), Fixtures.T0).event(),
                    committed.event(),
                    rescheduled.event())))
        .isEqualTo(rescheduled.after());
  }
}
