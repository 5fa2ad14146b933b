package dev.dispatchkit.spring.boot.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.spring.boot.DispatchKitHealthIndicator;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The "done when" test: {@link MaintenanceApplication} as it is, on H2 (or PostgreSQL when {@code
 * DISPATCHKIT_TEST_POSTGRES_URL} is set) and an embedded GreenMail. The test dispatches and sends
 * the provider's "OK" over SMTP; the runner alone applies it and delivers the client's
 * notification. The metrics show it, and the health turns DOWN when GreenMail stops and UP again
 * when it restarts on the same ports.
 */
class MaintenanceApplicationTest {

  private static final String REPLIES = "dispatch@host.example";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String POSTGRES = System.getenv("DISPATCHKIT_TEST_POSTGRES_URL");

  private static GreenMail mail = start(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));
  private static final int SMTP_PORT = mail.getSmtp().getPort();
  private static final int IMAP_PORT = mail.getImap().getPort();

  private static ConfigurableApplicationContext context;
  private static DispatchKit kit;
  private static WorkOrderStore store;
  private static MeterRegistry meters;
  private static DispatchKitHealthIndicator health;

  @BeforeAll
  static void startApplication() {
    List<String> args = new ArrayList<>();
    args.add("--dispatchkit.smtp.port=" + SMTP_PORT);
    args.add("--dispatchkit.imap.port=" + IMAP_PORT);
    // Fast enough for a test; the defaults are what production uses.
    args.add("--dispatchkit.imap.reconnect-backoff-initial=200ms");
    args.add("--dispatchkit.imap.reconnect-backoff-max=1s");
    args.add("--dispatchkit.health.check-timeout=500ms");
    args.add("--dispatchkit.store.table-prefix=dk" + Long.toHexString(System.nanoTime()) + "_");
    if (POSTGRES != null && !POSTGRES.isBlank()) {
      // Set means required: an unreachable database fails the start, it does not skip.
      args.add("--spring.datasource.url=" + POSTGRES);
    }
    context = SpringApplication.run(MaintenanceApplication.class, args.toArray(String[]::new));
    kit = context.getBean(DispatchKit.class);
    store = context.getBean(WorkOrderStore.class);
    meters = context.getBean(MeterRegistry.class);
    health = context.getBean(DispatchKitHealthIndicator.class);
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
    mail.stop();
  }

  @Test
  void aReplyOverSmtpIsAppliedAndTheClientToldWithNoCallFromTheTest() throws Exception {
    store.inTransaction(
        tx -> {
          tx.preferences().save(Fixtures.preference());
          return null;
        });
    String tracking = Long.toString(100_000_000L + System.nanoTime() % 900_000_000L);
    WorkOrder order =
        kit.dispatch(Fixtures.dispatch().trackingNumber(tracking).expected(nextWeekday()).build());

    MimeMessage request = await("the service request", () -> inbox(Fixtures.PROVIDER_ADDRESS), 1);
    mail(reply(request, "OK"));

    await(
        "the reply applied",
        () ->
            kit.find(order.subscriber(), order.trackingNumber())
                .orElseThrow()
                .status()
                .equals(Status.DISPATCH_CONFIRMED));
    MimeMessage toClient = await("the client's notice", () -> inbox(Fixtures.CLIENT_ADDRESS), 1);
    assertThat(toClient.getHeader("X-DispatchKit-Tracking", null)).isEqualTo(tracking);

    // The metrics show it.
    await(
        "the reply counted",
        () ->
            meters.find("dispatchkit.replies").counters().stream().mapToDouble(c -> c.count()).sum()
                >= 1);
    assertThat(meters.get("dispatchkit.mail.sent").tag("result", "sent").counter().count())
        .isGreaterThanOrEqualTo(2);
    assertThat(meters.get("dispatchkit.poll").timer().count()).isPositive();
    assertThat(meters.get("dispatchkit.outbox.blocked").gauge().value()).isZero();

    // Health: UP, DOWN while the mail server is away, UP when it is back on the same ports.
    assertThat(health.health(true).getStatus())
        .isEqualTo(org.springframework.boot.health.contributor.Status.UP);
    mail.stop();
    var down = health.health(true);
    assertThat(down.getStatus()).isEqualTo(org.springframework.boot.health.contributor.Status.DOWN);
    assertThat(down.getDetails()).containsKeys("imap", "smtp", "outbox");
    mail =
        start(
            new ServerSetup[] {
              new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
              new ServerSetup(IMAP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)
            });
    await(
        "health UP again",
        () ->
            health
                .health(true)
                .getStatus()
                .equals(org.springframework.boot.health.contributor.Status.UP));
  }

  private static GreenMail start(ServerSetup[] setups) {
    for (ServerSetup setup : setups) {
      setup.setServerStartupTimeout(20_000); // the build machine is shared
    }
    GreenMail server =
        new GreenMail(setups)
            .withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail());
    server.start();
    server.setUser(REPLIES, "dispatch", "replies-secret");
    for (String party : List.of(Fixtures.PROVIDER_ADDRESS, Fixtures.CLIENT_ADDRESS)) {
      server.setUser(party, party, party);
    }
    return server;
  }

  private static LocalDateTime nextWeekday() {
    LocalDate day = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(3);
    while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
      day = day.plusDays(1);
    }
    return day.atTime(10, 0);
  }

  private static List<MimeMessage> inbox(String address) {
    return Arrays.stream(mail.getReceivedMessages())
        .filter(m -> recipients(m).contains(address))
        .toList();
  }

  private static List<String> recipients(MimeMessage m) {
    try {
      return Arrays.stream(m.getAllRecipients())
          .map(a -> ((InternetAddress) a).getAddress())
          .toList();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MimeMessage reply(MimeMessage request, String text) throws MessagingException {
    MimeMessage reply = (MimeMessage) request.reply(false);
    reply.setFrom(new InternetAddress(Fixtures.PROVIDER_ADDRESS));
    reply.setText(text, "UTF-8");
    return reply;
  }

  private static void mail(MimeMessage message) throws MessagingException {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", Integer.toString(SMTP_PORT));
    Session session = Session.getInstance(props);
    MimeMessage copy = new MimeMessage(session, toStream(message));
    copy.saveChanges();
    Transport.send(copy, copy.getRecipients(Message.RecipientType.TO));
  }

  private static java.io.InputStream toStream(MimeMessage message) throws MessagingException {
    try {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      message.writeTo(out);
      return new java.io.ByteArrayInputStream(out.toByteArray());
    } catch (java.io.IOException e) {
      throw new MessagingException("copy", e);
    }
  }

  private static MimeMessage await(
      String what, java.util.function.Supplier<List<MimeMessage>> messages, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      List<MimeMessage> found = messages.get();
      if (found.size() >= count) {
        return found.get(count - 1);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(100);
    }
  }
}
