package dev.dispatchkit.examples.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.MailTransportException;
import dev.dispatchkit.examples.e2e.Provider.Mails;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderEvent;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network faults between DispatchKit and the mail server, made by the TCP proxies in front of
 * GreenMail: the server looks down or drops the connection, while the mailboxes live on.
 */
class MailFaultsTest {

  private final SettableClock clock = SettableClock.at(Fixtures.T0);
  private final AtomicInteger acceptsSeen = new AtomicInteger();
  private volatile Runnable onFirstAccept = () -> {};
  private MailServer mail;
  private Node node;
  private Provider provider;

  @BeforeEach
  void start() {
    mail = new MailServer();
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:e2e-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    DispatchListener listener =
        new DispatchListener() {
          @Override
          public void statusChanged(WorkOrder order, WorkOrderEvent event) {
            // Called after the reply's transaction committed, before its acknowledgement.
            if (event instanceof WorkOrderEvent.Accepted && acceptsSeen.incrementAndGet() == 1) {
              onFirstAccept.run();
            }
          }
        };
    node = new Node(mail, h2, "dispatchkit_", clock, listener).withPreferences();
    provider = new Provider(mail, Fixtures.PROVIDER_ADDRESS, clock);
  }

  @AfterEach
  void stop() {
    node.close();
    mail.close();
  }

  private WorkOrder reload(WorkOrder order) {
    return node.kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
  }

  @Test
  void mailQueuedWhileSmtpIsDownIsSentOnceWithItsMessageIdAfterTheBackoff() {
    mail.smtpProxy().refuse(true);
    WorkOrder order = node.kit.dispatch(Fixtures.dispatch().build());
    String messageId = reload(order).dispatchMessageId();
    String outboxId = messageId.substring(0, messageId.indexOf('@'));

    assertThat(node.kit.relayOutbox()).as("nothing sent while SMTP is down").isZero();
    OutboxEntry pending = node.outbox(outboxId).orElseThrow();
    assertThat(pending.state()).isEqualTo(OutboxEntry.State.PENDING);
    assertThat(pending.attempts()).isEqualTo(1);
    assertThat(pending.lastError()).isNotBlank();
    assertThat(pending.nextAttemptAt()).isEqualTo(Fixtures.T0.plus(Duration.ofMinutes(1)));

    mail.smtpProxy().refuse(false);
    assertThat(node.kit.relayOutbox()).as("the backoff has not passed").isZero();
    clock.advance(Duration.ofMinutes(1));
    assertThat(node.kit.relayOutbox()).isEqualTo(1);
    assertThat(node.kit.relayOutbox()).as("sent once").isZero();
    clock.advance(Duration.ofHours(2));
    assertThat(node.kit.relayOutbox()).as("not even after its lease").isZero();

    List<MimeMessage> received = mail.awaitInbox(Fixtures.PROVIDER_ADDRESS, 1);
    assertThat(received).hasSize(1);
    assertThat(Mails.header(received.get(0), "Message-ID")).isEqualTo("<" + messageId + ">");
    assertThat(node.outbox(outboxId).orElseThrow().state()).isEqualTo(OutboxEntry.State.SENT);
  }

  /** Three orders dispatched, each answered "OK" by the provider; the replies are waiting. */
  private List<WorkOrder> threeAnsweredOrders() throws Exception {
    List<WorkOrder> orders = new ArrayList<>();
    for (String tn : List.of("100301", "100302", "100303")) {
      orders.add(node.kit.dispatch(Fixtures.dispatch().trackingNumber(tn).build()));
    }
    assertThat(node.kit.relayOutbox()).isEqualTo(3);
    List<MimeMessage> replies = new ArrayList<>();
    for (WorkOrder order : orders) {
      replies.add(
          provider.reply(provider.awaitServiceRequest(order.trackingNumber().value()), "OK"));
    }
    mail.send(replies.toArray(MimeMessage[]::new));
    mail.awaitInbox(MailServer.REPLIES, 3);
    return orders;
  }

  private void assertEachAppliedOnceAndTheClientToldOnce(List<WorkOrder> orders) {
    for (WorkOrder order : orders) {
      assertThat(reload(order).status()).isEqualTo(Status.DISPATCH_CONFIRMED);
      assertThat(node.kit.timeline(order.key()))
          .filteredOn(e -> e instanceof WorkOrderEvent.Accepted)
          .hasSize(1);
    }
    assertThat(mail.inbox(MailServer.REPLIES)).as("left in the inbox").isEmpty();
    assertThat(mail.messages(MailServer.REPLIES, "Processed")).hasSize(orders.size());
    assertThat(node.kit.relayOutbox()).isEqualTo(orders.size());
    assertThat(node.kit.relayOutbox()).isZero();
    assertThat(mail.awaitInbox(Fixtures.CLIENT_ADDRESS, orders.size()))
        .extracting(m -> Mails.header(m, "X-DispatchKit-Tracking"))
        .containsExactlyInAnyOrderElementsOf(
            orders.stream().map(o -> o.trackingNumber().value()).toList());
  }

  @Test
  void anImapOutageAfterTheFirstReplyOfABatchLosesNothingAndAppliesNothingTwice() throws Exception {
    List<WorkOrder> orders = threeAnsweredOrders();
    // The first reply commits, then the server goes away before it is acknowledged.
    onFirstAccept = () -> mail.imapProxy().refuse(true);

    assertThatThrownBy(() -> node.kit.pollOnce(node.source, 10))
        .isInstanceOf(MailTransportException.class);
    assertThat(acceptsSeen).as("the batch stopped after the first reply").hasValue(1);
    assertThat(mail.inbox(MailServer.REPLIES)).as("all still waiting").hasSize(3);
    assertThatThrownBy(() -> node.kit.pollOnce(node.source, 10))
        .as("in the reconnect backoff")
        .isInstanceOf(MailTransportException.class);

    mail.imapProxy().refuse(false);
    clock.advance(Duration.ofSeconds(2)); // past the source's reconnect backoff
    assertThat(node.kit.pollOnce(node.source, 10).handled())
        .as("the applied reply again, as a duplicate, and the other two")
        .isEqualTo(3);

    assertThat(acceptsSeen).hasValue(3);
    assertEachAppliedOnceAndTheClientToldOnce(orders);
  }

  @Test
  void aConnectionDroppedMidBatchIsReopenedAndTheBatchCompletes() throws Exception {
    List<WorkOrder> orders = threeAnsweredOrders();
    onFirstAccept = () -> mail.imapProxy().cutAll();

    assertThat(Polling.pollUntil(node, 3)).isEqualTo(3);

    assertThat(mail.imapProxy().accepted()).as("a second connection was opened").isGreaterThan(1);
    assertEachAppliedOnceAndTheClientToldOnce(orders);
  }
}
