package dev.dispatchkit.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.examples.e2e.Provider.Mails;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two host instances, each with its own store connection and its own IMAP source on the same
 * mailbox, poll and relay at the same time: 50 replies, each applied once, each client notification
 * sent once. On H2 in every build; on PostgreSQL whenever {@value #POSTGRES_URL} holds a JDBC URL,
 * and then an unreachable database fails the test instead of skipping it.
 */
class TwoPollersTest {

  static final String POSTGRES_URL = "DISPATCHKIT_TEST_POSTGRES_URL";
  private static final int REPLIES = 50;
  // A bound against a hang, not a speed target: a loaded CI machine may be slow.
  private static final Duration GIVE_UP = Duration.ofSeconds(150);

  @Nested
  class OnH2 {
    @Test
    void fiftyRepliesAreAppliedOnceAndNotifiedOnce() throws Exception {
      String url = "jdbc:h2:mem:e2e-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
      Supplier<DataSource> dataSources =
          () -> {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            return h2;
          };
      runTwoPollers(dataSources, "dispatchkit_");
    }
  }

  @Nested
  @EnabledIfEnvironmentVariable(named = POSTGRES_URL, matches = ".*\\S.*")
  class OnPostgres {
    @Test
    void fiftyRepliesAreAppliedOnceAndNotifiedOnce() throws Exception {
      String url = System.getenv(POSTGRES_URL);
      Supplier<DataSource> dataSources =
          () -> {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            return pg;
          };
      String prefix = "e2e" + UUID.randomUUID().toString().replace("-", "").substring(0, 10) + "_";
      try {
        runTwoPollers(dataSources, prefix);
      } finally {
        dropTables(dataSources.get(), prefix);
      }
    }
  }

  private static void runTwoPollers(Supplier<DataSource> dataSources, String prefix)
      throws Exception {
    SettableClock clock = SettableClock.at(Fixtures.T0);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try (MailServer mail = new MailServer();
        Node first = new Node(mail, dataSources.get(), prefix, clock).withPreferences();
        Node second = new Node(mail, dataSources.get(), prefix, clock)) {
      Provider provider = new Provider(mail, Fixtures.PROVIDER_ADDRESS, clock);
      List<WorkOrder> orders = new ArrayList<>();
      for (int i = 0; i < REPLIES; i++) {
        orders.add(
            first.kit.dispatch(
                Fixtures.dispatch().trackingNumber(Integer.toString(300_000 + i)).build()));
      }
      assertThat(first.kit.relayOutbox()).isEqualTo(REPLIES);
      List<MimeMessage> requests = mail.awaitInbox(Fixtures.PROVIDER_ADDRESS, REPLIES);
      List<MimeMessage> replies = new ArrayList<>();
      for (MimeMessage request : requests) {
        replies.add(provider.reply(request, "OK"));
      }
      // Made beforehand so that this test is about the polling itself; two sources racing to
      // create the folders are covered by ImapMailSourceTwoSessionsTest.
      mail.createFolders(MailServer.REPLIES, "Processed", "Quarantine");
      mail.send(replies.toArray(MimeMessage[]::new));
      mail.awaitInbox(MailServer.REPLIES, REPLIES);

      List<Future<Integer>> runs =
          List.of(
              pool.submit(poller(mail, first, orders)), pool.submit(poller(mail, second, orders)));
      int handled = 0;
      for (Future<Integer> run : runs) {
        handled += run.get(GIVE_UP.toSeconds() + 5, TimeUnit.SECONDS);
      }

      List<String> stillOpen =
          orders.stream()
              .filter(o -> status(first, o).equals(Status.OPEN))
              .map(o -> o.trackingNumber().value())
              .toList();
      assertThat(stillOpen)
          .as(
              "orders whose OK was never applied; the replies mailbox holds%n INBOX: %s%n"
                  + " Processed: %s%n Quarantine: %s%n quarantined: %s",
              mail.describe(MailServer.REPLIES, "INBOX"),
              mail.describe(MailServer.REPLIES, "Processed"),
              mail.describe(MailServer.REPLIES, "Quarantine"),
              concat(first.quarantined, second.quarantined))
          .isEmpty();
      assertThat(handled).as("every reply handled at least once").isGreaterThanOrEqualTo(REPLIES);
      for (WorkOrder order : orders) {
        assertThat(
                first.kit.find(order.subscriber(), order.trackingNumber()).orElseThrow().status())
            .isEqualTo(Status.DISPATCH_CONFIRMED);
        assertThat(first.kit.timeline(order.key()))
            .as("accepted once: %s", order.trackingNumber().value())
            .filteredOn(e -> e instanceof WorkOrderEvent.Accepted)
            .hasSize(1);
      }
      // H2's claims may skip a row under contention (never take one twice): drain what is left.
      for (int round = 0; first.kit.relayOutbox() + second.kit.relayOutbox() > 0; round++) {
        assertThat(round).as("the outbox drains").isLessThan(10);
      }
      List<MimeMessage> toClient = mail.awaitInbox(Fixtures.CLIENT_ADDRESS, REPLIES);
      assertThat(toClient).hasSize(REPLIES);
      assertThat(Mails.messageIds(toClient)).doesNotHaveDuplicates();
      assertThat(toClient)
          .extracting(m -> Mails.header(m, "X-DispatchKit-Tracking"))
          .containsExactlyInAnyOrderElementsOf(
              orders.stream().map(o -> o.trackingNumber().value()).toList());
      assertThat(mail.inbox(MailServer.REPLIES)).as("left in the inbox").isEmpty();
      assertThat(mail.messages(MailServer.REPLIES, "Processed")).hasSize(REPLIES);
      assertThat(first.quarantined).isEmpty();
      assertThat(second.quarantined).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }

  private static Status status(Node node, WorkOrder order) {
    return node.kit.find(order.subscriber(), order.trackingNumber()).orElseThrow().status();
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /**
   * One instance's loop: poll, relay, wait for mail, until every order left OPEN or nothing is left
   * to read (then the assertions say which replies went where).
   */
  private static Callable<Integer> poller(MailServer mail, Node node, List<WorkOrder> orders) {
    return () -> {
      long deadline = System.nanoTime() + GIVE_UP.toNanos();
      int handled = 0;
      while (true) {
        handled += node.kit.pollOnce(node.source, 10).handled();
        node.kit.relayOutbox();
        boolean allDecided = orders.stream().noneMatch(o -> status(node, o).equals(Status.OPEN));
        if (allDecided || waitingInInbox(mail) == 0) {
          return handled;
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError("gave up after " + GIVE_UP + " with " + handled + " handled");
        }
        node.source.awaitNewMail(Duration.ofMillis(200));
      }
    };
  }

  /**
   * How many messages the replies inbox holds. Only the count the server reports on SELECT: reading
   * the messages themselves, as {@link MailServer#inbox} does, would fetch by sequence number while
   * the pollers move messages out, and fail on a message just gone.
   */
  private static int waitingInInbox(MailServer mail) throws MessagingException {
    try (Store store = mail.directSession().getStore("imap")) {
      store.connect(MailServer.REPLIES_LOGIN, MailServer.REPLIES_PASSWORD);
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      try {
        return inbox.getMessageCount();
      } finally {
        inbox.close(false);
      }
    }
  }

  /** Drops every table of a prefix, as the JDBC adapter's tests do. */
  private static void dropTables(DataSource dataSource, String prefix) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      DatabaseMetaData meta = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          meta.getTables(
              c.getCatalog(), null, prefix.replace("_", "\\_") + "%", new String[] {"TABLE"})) {
        while (rows.next()) {
          String name = rows.getString("TABLE_NAME");
          if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            tables.add(name);
          }
        }
      }
      try (Statement s = c.createStatement()) {
        for (String table : tables) {
          s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
        }
      }
    }
  }
}
