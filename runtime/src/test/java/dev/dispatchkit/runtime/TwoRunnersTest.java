package dev.dispatchkit.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two runners, each with its own kit, connection pool and IMAP connection, on one database and one
 * mailbox: every reply is applied once and every mail sent once. On an H2 file in every build; on
 * PostgreSQL whenever {@value #POSTGRES_URL} is set, where an unreachable server fails the test.
 */
class TwoRunnersTest {

  static final String POSTGRES_URL = "DISPATCHKIT_TEST_POSTGRES_URL";
  private static final int ORDERS = 12;

  @TempDir Path dir;

  @Test
  void onH2() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("shared") + ";DB_CLOSE_DELAY=-1";
    run(
        () -> {
          JdbcDataSource h2 = new JdbcDataSource();
          h2.setURL(url);
          return h2;
        });
  }

  @Test
  @EnabledIfEnvironmentVariable(named = POSTGRES_URL, matches = ".*\\S.*")
  void onPostgres() throws Exception {
    String url = System.getenv(POSTGRES_URL);
    run(
        () -> {
          PGSimpleDataSource pg = new PGSimpleDataSource();
          pg.setURL(url);
          return pg;
        });
  }

  private void run(Supplier<DataSource> dataSources) throws Exception {
    String prefix =
        "tr" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT) + "_";
    try (Mailbox mail = new Mailbox()) {
      Host a = new Host(mail, dataSources.get(), prefix).withPreferences();
      Host b = new Host(mail, dataSources.get(), prefix);
      try (DispatchKitRunner ra =
              DispatchKitRunner.builder(a.kit).mailSource(Host.source(mail)).build();
          DispatchKitRunner rb =
              DispatchKitRunner.builder(b.kit).mailSource(Host.source(mail)).build()) {
        ra.start();
        rb.start();
        for (int i = 0; i < ORDERS; i++) {
          (i % 2 == 0 ? a : b)
              .kit.dispatch(Fixtures.dispatch().trackingNumber(tracking(i)).build());
        }
        List<MimeMessage> requests = mail.awaitInbox(Fixtures.PROVIDER_ADDRESS, ORDERS);
        for (MimeMessage request : requests) {
          mail.reply(request, "OK");
        }
        mail.awaitInbox(Fixtures.CLIENT_ADDRESS, ORDERS);
        Mailbox.await("the reply mailbox empty", () -> mail.inbox(Mailbox.REPLIES), List::isEmpty);
        Mailbox.await("the outbox empty", () -> a.kit.outboxState(), s -> s.pending() == 0);
      }
      for (int i = 0; i < ORDERS; i++) {
        WorkOrder o = a.kit.find(Fixtures.SUBSCRIBER, TrackingNumber.of(tracking(i))).orElseThrow();
        assertThat(o.status()).isEqualTo(Status.DISPATCH_CONFIRMED);
        assertThat(a.kit.timeline(o.key()))
            .filteredOn(e -> e instanceof WorkOrderEvent.Accepted)
            .as("reply to %s applied once", tracking(i))
            .hasSize(1);
      }
      assertThat(mail.inbox(Fixtures.PROVIDER_ADDRESS)).as("requests sent once").hasSize(ORDERS);
      assertThat(mail.inbox(Fixtures.CLIENT_ADDRESS)).as("clients told once").hasSize(ORDERS);
    }
  }

  private static String tracking(int i) {
    return Integer.toString(300000 + i);
  }
}
