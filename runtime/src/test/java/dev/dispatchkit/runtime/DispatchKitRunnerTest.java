package dev.dispatchkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.ConfigurationException;
import dev.dispatchkit.MailTransportException;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.MailSource;
import dev.dispatchkit.spi.ReceivedMail;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The runner on real parts, without Spring: H2 through the JDBC adapter, GreenMail over real SMTP
 * and IMAP. No test calls pollOnce, relayOutbox or sweep: the runner's loops do all of it.
 */
class DispatchKitRunnerTest {

  private final String prefix =
      "rt" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT) + "_";
  private Mailbox mail;
  private JdbcDataSource h2;

  @BeforeEach
  void start() {
    mail = new Mailbox();
    h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:runner-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  @AfterEach
  void stop() {
    mail.close();
  }

  private static String tracking(int i) {
    return Integer.toString(200000 + i);
  }

  private WorkOrder order(Host host, int i) {
    return host.kit.find(Fixtures.SUBSCRIBER, TrackingNumber.of(tracking(i))).orElseThrow();
  }

  /** Dispatches {@code n} work orders, and the provider answers each with {@code text}. */
  private void dispatchAndAnswer(Host host, int n, String text) throws Exception {
    for (int i = 0; i < n; i++) {
      host.kit.dispatch(Fixtures.dispatch().trackingNumber(tracking(i)).build());
    }
    List<MimeMessage> requests = mail.awaitInbox(Fixtures.PROVIDER_ADDRESS, n);
    for (MimeMessage request : requests) {
      mail.reply(request, text);
    }
  }

  @Test
  void aReplyOverSmtpIsAppliedAndTheClientToldWithNoCallFromTheTest() throws Exception {
    Host host = new Host(mail, h2, prefix).withPreferences();
    try (DispatchKitRunner runner =
        DispatchKitRunner.builder(host.kit).mailSource(Host.source(mail)).build()) {
      runner.start();
      assertThat(runner.isRunning()).isTrue();
      dispatchAndAnswer(host, 1, "OK");

      List<MimeMessage> told = mail.awaitInbox(Fixtures.CLIENT_ADDRESS, 1);

      assertThat(told.get(0).getSubject()).contains("#" + tracking(0));
      assertThat(order(host, 0).status()).isEqualTo(Status.DISPATCH_CONFIRMED);
      RunnerStatus status = runner.status();
      assertThat(status.running()).isTrue();
      assertThat(status.poll().lastSuccessAt()).isNotNull();
      assertThat(status.relay().lastSuccessAt()).isNotNull();
      assertThat(status.poll().failures()).isZero();
    }
  }

  @Test
  void loopsThatThrowAreRetriedAfterABackoffAndKeepRunning() throws Exception {
    AtomicInteger sendFailures = new AtomicInteger(2);
    // A deliberately failing real sender: an Error, not a MailTransportException, so the relay
    // run fails as a whole (the kind of failure a plug-in's missing class causes).
    Host host =
        new Host(
                mail,
                h2,
                prefix,
                smtp ->
                    mailToSend -> {
                      if (sendFailures.getAndDecrement() > 0) {
                        throw new LinkageError("plug-in class missing");
                      }
                      smtp.send(mailToSend);
                    },
                DispatchListener.NONE,
                Duration.ofMillis(500))
            .withPreferences();
    FailingSource source = new FailingSource(Host.source(mail), 3);
    try (DispatchKitRunner runner =
        DispatchKitRunner.builder(host.kit)
            .mailSource(source)
            .relayInterval(Duration.ofMillis(200))
            .failureBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
            .build()) {
      runner.start();
      dispatchAndAnswer(host, 1, "OK");

      mail.awaitInbox(Fixtures.CLIENT_ADDRESS, 1);

      assertThat(order(host, 0).status()).isEqualTo(Status.DISPATCH_CONFIRMED);
      RunnerStatus status = runner.status();
      assertThat(status.poll().failures()).isEqualTo(3);
      assertThat(status.poll().lastError()).contains("IMAP down for the test");
      assertThat(status.relay().failures()).isEqualTo(2);
      assertThat(status.relay().lastError()).contains("plug-in class missing");
      Mailbox.await(
          "both loops succeed again",
          runner::status,
          s -> s.poll().consecutiveFailures() == 0 && s.relay().consecutiveFailures() == 0);
    }
  }

  @Test
  void gracefulCloseFinishesTheMessageInHandAndTakesNoMore() throws Exception {
    CountDownLatch inHand = new CountDownLatch(1);
    AtomicInteger accepted = new AtomicInteger();
    DispatchListener slow =
        new DispatchListener() {
          @Override
          public void statusChanged(WorkOrder order, WorkOrderEvent event) {
            if (event instanceof WorkOrderEvent.Accepted && accepted.getAndIncrement() == 0) {
              inHand.countDown();
              sleep(700); // committed, not yet acknowledged: the message is in hand
            }
          }
        };
    Host host = new Host(mail, h2, prefix, s -> s, slow, Duration.ofMinutes(5)).withPreferences();
    DispatchKitRunner runner =
        DispatchKitRunner.builder(host.kit).mailSource(Host.source(mail)).pollBatch(1).build();
    runner.start();
    dispatchAndAnswer(host, 2, "OK");
    assertThat(inHand.await(20, TimeUnit.SECONDS)).isTrue();

    long t0 = System.nanoTime();
    runner.close();

    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
    assertThat(runner.isRunning()).isFalse();
    assertThat(accepted).as("only the message in hand was applied").hasValue(1);
    assertThat(mail.inbox(Mailbox.REPLIES))
        .as("the message in hand acknowledged, the other left waiting")
        .hasSize(1);
    assertThatThrownBy(runner::start).isInstanceOf(ConfigurationException.class);

    try (DispatchKitRunner again =
        DispatchKitRunner.builder(host.kit).mailSource(Host.source(mail)).build()) {
      again.start();
      mail.awaitInbox(Fixtures.CLIENT_ADDRESS, 2);
      Mailbox.await("the reply mailbox empty", () -> mail.inbox(Mailbox.REPLIES), List::isEmpty);
    }
    assertThat(order(host, 0).status()).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(order(host, 1).status()).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(accepted).hasValue(2);
    assertThat(mail.inbox(Fixtures.CLIENT_ADDRESS)).hasSize(2);
  }

  @Test
  void aHardStopInTheMiddleLeavesNothingHalfDone() throws Exception {
    CountDownLatch inHand = new CountDownLatch(1);
    AtomicInteger accepted = new AtomicInteger();
    DispatchListener slow =
        new DispatchListener() {
          @Override
          public void statusChanged(WorkOrder order, WorkOrderEvent event) {
            if (event instanceof WorkOrderEvent.Accepted && accepted.getAndIncrement() == 0) {
              inHand.countDown();
              sleep(2_000); // interrupted by the hard stop
            }
          }
        };
    Host host = new Host(mail, h2, prefix, s -> s, slow, Duration.ofMillis(800)).withPreferences();
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(2);
    ImapMailSource firstSource = Host.source(mail);
    DispatchKitRunner runner =
        DispatchKitRunner.builder(host.kit).mailSource(firstSource).executor(executor).build();
    runner.start();
    dispatchAndAnswer(host, 3, "OK");
    assertThat(inHand.await(20, TimeUnit.SECONDS)).isTrue();

    executor.shutdownNow(); // the hard stop, in the middle of a batch
    assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    runner.close();

    try (DispatchKitRunner again =
        DispatchKitRunner.builder(host.kit).mailSource(Host.source(mail)).build()) {
      again.start();
      mail.awaitInbox(Fixtures.CLIENT_ADDRESS, 3);
      Mailbox.await("the reply mailbox empty", () -> mail.inbox(Mailbox.REPLIES), List::isEmpty);
      Mailbox.await(
          "a relay run after the last notification",
          () -> host.kit.outboxState(),
          s -> s.pending() == 0);
    }
    for (int i = 0; i < 3; i++) {
      WorkOrder o = order(host, i);
      assertThat(o.status()).isEqualTo(Status.DISPATCH_CONFIRMED);
      assertThat(host.kit.timeline(o.key()))
          .filteredOn(e -> e instanceof WorkOrderEvent.Accepted)
          .as("applied once")
          .hasSize(1);
    }
    assertThat(accepted).as("each reply applied once").hasValue(3);
    assertThat(mail.inbox(Fixtures.CLIENT_ADDRESS)).as("each client told once").hasSize(3);
    assertThat(mail.inbox(Fixtures.PROVIDER_ADDRESS)).as("each request sent once").hasSize(3);
  }

  @Test
  void buildNamesEveryBadSetting() {
    Host host = new Host(mail, h2, prefix);
    assertThatThrownBy(
            () ->
                DispatchKitRunner.builder(host.kit)
                    .pollInterval(Duration.ZERO)
                    .relayInterval(Duration.ofSeconds(-1))
                    .sweepInterval(Duration.ZERO)
                    .pollBatch(0)
                    .failureBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1))
                    .shutdownTimeout(Duration.ofSeconds(-1))
                    .build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.settings())
                    .containsExactly(
                        "pollInterval",
                        "relayInterval",
                        "sweepInterval",
                        "pollBatch",
                        "failureBackoff",
                        "shutdownTimeout"));
  }

  @Test
  void backoffDoublesWithJitterUpToItsMaximum() {
    Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8));
    for (int i = 0; i < 50; i++) {
      assertThat(b.after(1)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
      assertThat(b.after(3)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
      assertThat(b.after(40)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A real IMAP source that is unreachable for its first polls. */
  static final class FailingSource implements MailSource {
    private final ImapMailSource source;
    private final AtomicInteger failuresLeft;

    FailingSource(ImapMailSource source, int failures) {
      this.source = source;
      this.failuresLeft = new AtomicInteger(failures);
    }

    @Override
    public List<ReceivedMail> poll(int max) {
      if (failuresLeft.getAndDecrement() > 0) {
        throw new MailTransportException("IMAP down for the test", false, null, null);
      }
      return source.poll(max);
    }

    @Override
    public void acknowledge(ReceivedMail mail) {
      source.acknowledge(mail);
    }

    @Override
    public void failed(ReceivedMail mail, Throwable failure) {
      source.failed(mail, failure);
    }

    @Override
    public boolean awaitNewMail(Duration timeout) {
      return source.awaitNewMail(timeout);
    }

    @Override
    public void close() {
      source.close();
    }
  }
}
