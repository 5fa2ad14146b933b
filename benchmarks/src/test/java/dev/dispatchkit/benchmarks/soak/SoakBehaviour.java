package dev.dispatchkit.benchmarks.soak;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The soak harness's run, shortened to a minute for the build: four instances on one database,
 * replies at a steady rate, then the exactly-once checks. Speed is not asserted, only that every
 * check passed and that the database rolled nothing back as a deadlock.
 */
abstract class SoakBehaviour {
  private static final Duration DURATION = Duration.ofSeconds(60);

  /** Low enough for a loaded build machine; the orders it needs are dispatched in seconds. */
  private static final int RATE = 30;

  private final TestDatabase database;

  SoakBehaviour(TestDatabase database) {
    this.database = database;
  }

  @Test
  void fourInstancesApplyEveryReplyOnceAndSendEveryMailOnceForAMinute() throws Exception {
    String prefix = TestDatabase.uniquePrefix();
    SoakSettings settings = SoakSettings.defaults().withDuration(DURATION).withRate(RATE);
    SoakReport report;
    try {
      report = SoakRun.run(settings, () -> database.dataSource(prefix), prefix, line -> {});
    } finally {
      database.dropTables(database.dataSource(prefix), prefix);
    }
    report.lines().forEach(System.out::println);

    assertThat(report.failures()).isEmpty();
    assertThat(report.rollbacks()).isEmpty();
    // The run did what it is for: many replies, duplicates among them, mail queued and sent.
    assertThat(report.answeredOrders()).isGreaterThan(100);
    assertThat(report.deliveries()).isGreaterThan(report.messages());
    assertThat(report.duplicateDeliveries()).isEqualTo(report.deliveries() - report.messages());
    assertThat(report.mailsQueued()).isPositive();
  }
}
