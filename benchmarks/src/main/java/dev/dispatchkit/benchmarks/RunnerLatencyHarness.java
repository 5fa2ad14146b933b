package dev.dispatchkit.benchmarks;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.mail.JakartaMail;
import dev.dispatchkit.mail.MailSecurity;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.runtime.DispatchKitRunner;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.MailKind;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.Fixtures;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;

/**
 * Reply-to-notification latency through the runner, with its default cadences and IMAP IDLE on an
 * embedded GreenMail and an in-memory H2 store: for each of {@code --replies} work orders (200 by
 * default), one after the other, the provider's "OK" is delivered over SMTP, and the clock stops
 * when the client's notification has been handed to the SMTP server. Prints p50, p99 and max.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.dispatchkit.benchmarks.RunnerLatencyHarness \
 *     [--replies 200] [--warmup 20]
 * </pre>
 */
public final class RunnerLatencyHarness {
  private static final long TARGET_P99_MILLIS = 2_000;
  private static final String REPLIES = "dispatch@host.example";

  private RunnerLatencyHarness() {}

  /** Runs the harness; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int replies = 200;
    int warmup = 20;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--replies" -> replies = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    GreenMail mail =
        new GreenMail(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
            .withConfiguration(GreenMailConfiguration.aConfig().withSieveIgnoreDetail());
    mail.start();
    try {
      mail.setUser(REPLIES, "dispatch", "replies-secret");
      long[] nanos = run(mail, warmup, replies);
      Arrays.sort(nanos);
      System.out.printf(
          Locale.ROOT,
          "reply delivered over SMTP -> client notification sent over SMTP, %d replies:"
              + " p50 %d ms, p99 %d ms, max %d ms (target p99 < %d ms)%n",
          nanos.length,
          millis(percentile(nanos, 50)),
          millis(percentile(nanos, 99)),
          millis(nanos[nanos.length - 1]),
          TARGET_P99_MILLIS);
    } finally {
      mail.stop();
    }
  }

  private static long[] run(GreenMail mail, int warmup, int replies) throws Exception {
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:runner-latency-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    WorkOrderStore store = JdbcStore.builder(h2).build();
    store.inTransaction(
        tx -> {
          tx.savePreference(Fixtures.preference());
          return null;
        });
    Map<String, String> replyTo = new ConcurrentHashMap<>();
    Map<String, Long> notifiedAt = new ConcurrentHashMap<>();
    MailSender smtp =
        JakartaMail.smtp()
            .host("127.0.0.1")
            .port(mail.getSmtp().getPort())
            .security(MailSecurity.NONE)
            .build();
    // The clock stops once the SMTP server took the notification: when send returns.
    MailSender timed =
        m -> {
          smtp.send(m);
          String tracking = m.headers().get("X-DispatchKit-Tracking");
          if (m.kind() == MailKind.DISPATCH) {
            replyTo.put(tracking, m.replyTo());
          } else if (m.kind() == MailKind.NOTIFICATION) {
            notifiedAt.putIfAbsent(tracking, System.nanoTime());
          }
        };
    DispatchKit kit =
        DispatchKit.builder()
            .store(store)
            .attachmentStore(JdbcStore.builder(h2).buildAttachmentStore())
            .mailSender(timed)
            .replyTokens(
                ReplyTokens.builder()
                    .signingKey(
                        1, "latency-secret-latency-secret-lat".getBytes(StandardCharsets.US_ASCII))
                    .build())
            .fromAddress(REPLIES)
            .replyAddress("dispatch", "host.example")
            .listener(DispatchKitRunner.listener(DispatchListener.NONE))
            .build();
    Session session = session(mail);
    int total = warmup + replies;
    long[] nanos = new long[replies];
    try (DispatchKitRunner runner =
        DispatchKitRunner.builder(kit)
            .mailSource(
                JakartaMail.imap()
                    .host("127.0.0.1")
                    .port(mail.getImap().getPort())
                    .security(MailSecurity.NONE)
                    .credentials("dispatch", "replies-secret")
                    .build())
            .build()) {
      runner.start();
      for (int i = 0; i < total; i++) {
        String tracking = Integer.toString(500000 + i);
        kit.dispatch(Fixtures.dispatch().trackingNumber(tracking).build());
        String to = await(replyTo, tracking);
        MimeMessage reply = new MimeMessage(session);
        reply.setFrom(new InternetAddress(Fixtures.PROVIDER_ADDRESS));
        reply.setRecipients(Message.RecipientType.TO, to);
        reply.setSubject("RE: #" + tracking, "UTF-8");
        reply.setText("OK\n", "UTF-8");
        reply.saveChanges();
        Transport.send(reply);
        long delivered = System.nanoTime();
        long told = await(notifiedAt, tracking);
        if (i >= warmup) {
          nanos[i - warmup] = told - delivered;
        }
      }
    }
    return nanos;
  }

  private static <T> T await(Map<String, T> seen, String tracking) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!seen.containsKey(tracking)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("nothing for " + tracking + " within 60 s");
      }
      Thread.sleep(1);
    }
    return seen.get(tracking);
  }

  private static Session session(GreenMail mail) throws MessagingException {
    Properties props = new Properties();
    props.setProperty("mail.smtp.host", "127.0.0.1");
    props.setProperty("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
    return Session.getInstance(props);
  }

  private static long percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }
}
