package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.jdbc.testsupport.PlainDataSource;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.Fixtures;
import dev.dispatchkit.testkit.RecordingMailSender;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.WorkOrder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A store with a read replica: a second data source on the same database whose connections refuse
 * every write (a read-only session or a user that may only read, set up by each subclass), so that
 * a write routed there would fail, not just be counted. Both data sources count the connections
 * they hand out and record the statements run on them.
 */
abstract class ReadReplicaBehaviour extends DatabaseTest {

  private final SettableClock clock = SettableClock.at(Fixtures.T0);
  private final RecordingMailSender sender = new RecordingMailSender();
  private Counting primary;
  private Counting replica;
  private WorkOrderStore replicated;
  private DispatchKit kit;

  ReadReplicaBehaviour(TestDatabase database) {
    super(database);
  }

  /** A data source on the same database as {@link #dataSource} whose connections cannot write. */
  abstract DataSource readOnlyDataSource() throws SQLException;

  @BeforeEach
  void replicatedStore() throws SQLException {
    primary = new Counting(dataSource);
    replica = new Counting(readOnlyDataSource());
    replicated =
        JdbcStore.builder(primary)
            .tablePrefix(prefix)
            .migrate(false)
            .readOnlyDataSource(replica)
            .build();
    kit = Fixtures.kit(replicated, sender, clock).attachmentStore(schema.attachments()).build();
    kit.savePreference(Fixtures.preference());
  }

  private WorkOrder dispatched() {
    WorkOrder order = kit.dispatch(Fixtures.dispatch().build());
    kit.relayOutbox();
    return order;
  }

  @Test
  void theHostsReadsOfWorkOrdersAreServedByTheReplica() {
    WorkOrder order = dispatched();
    primary.reset();
    replica.reset();

    assertThat(kit.find(order.subscriber(), order.trackingNumber())).isPresent();
    assertThat(kit.findByTrackingNumber(order.trackingNumber())).hasSize(1);
    assertThat(kit.list(kit.query().build()).total()).isEqualTo(1);
    assertThat(kit.timeline(order.key())).hasSize(2);
    assertThat(kit.flags(order.key())).isPresent();
    assertThat(kit.allowedCommands(order.key())).isNotEmpty();

    assertThat(replica.connections()).isEqualTo(6);
    assertThat(primary.connections()).isZero();
    assertThat(replica.statements())
        .isNotEmpty()
        .allSatisfy(sql -> assertThat(sql.toUpperCase(Locale.ROOT)).startsWith("SELECT"));
    assertThat(replica.readOnlyBeforeUse())
        .as("each replica connection was set read-only before its first statement")
        .isEqualTo(6);
  }

  @Test
  void writesTheInboxTheOutboxAndTheSweepStayOnThePrimary() {
    WorkOrder order = dispatched();
    OutboundMail request = sender.sentTo(Fixtures.PROVIDER_ADDRESS).get(0);
    InboundResult ok =
        kit.handle(
            InboundMessage.builder()
                .messageId("ok-1@acme.example")
                .from(Fixtures.PROVIDER_ADDRESS)
                .to(request.replyTo())
                .inReplyTo(request.messageId())
                .subject("RE: " + request.subject())
                .date(OffsetDateTime.of(2026, 3, 2, 9, 0, 0, 0, ZoneOffset.ofHours(1)))
                .textBody("OK")
                .build());
    assertThat(ok.outcome()).isEqualTo(InboundResult.Outcome.APPLIED);
    kit.addNote(order.key(), "Gate code 1234", NoteAuthor.CLIENT);
    kit.relayOutbox();
    assertThat(kit.preference(order.subscriber(), order.provider())).isPresent();
    assertThat(kit.outboxState()).isNotNull();
    // Past the expected date, with nobody on site: the sweep finds the work order late.
    clock.set(Instant.parse("2026-03-05T12:00:00Z"));
    assertThat(kit.sweep()).as("events the sweep raised").isPositive();

    assertThat(replica.connections()).isZero();
    assertThat(primary.statements())
        .anySatisfy(sql -> assertThat(sql.toUpperCase(Locale.ROOT)).startsWith("INSERT"))
        .anySatisfy(sql -> assertThat(sql.toUpperCase(Locale.ROOT)).startsWith("UPDATE"));
  }

  @Test
  void aWriteSentToTheReplicaFailsAndWritesNothing() {
    WorkOrder order = Orders.dispatched("client-1", "000000042");
    assertThatThrownBy(
            () ->
                replicated.inReadOnlyTransaction(
                    (StoreTransaction tx) -> {
                      tx.workOrders().insert(order);
                      return null;
                    }))
        .isInstanceOf(StoreException.class);
    assertThat(replica.connections()).isEqualTo(1);
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.workOrders().find(order.key())))
        .isEmpty();
  }

  @Test
  void withoutAReplicaTheReadsRunOnThePrimary() {
    WorkOrderStore single = JdbcStore.builder(primary).tablePrefix(prefix).migrate(false).build();
    WorkOrder order = Orders.dispatched("client-1", "000000043");
    single.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(order);
          return null;
        });
    primary.reset();

    assertThat(
            single.inReadOnlyTransaction(
                (StoreTransaction tx) -> tx.workOrders().find(order.key())))
        .isPresent();
    assertThat(primary.connections()).isEqualTo(1);
    assertThat(replica.connections()).isZero();
  }

  /**
   * A data source that counts the connections it hands out and records, for each, whether it was
   * set read-only before its first statement, and the text of every statement prepared on it.
   */
  static final class Counting extends PlainDataSource {
    private final DataSource delegate;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger readOnlyBeforeUse = new AtomicInteger();
    private final List<String> statements = Collections.synchronizedList(new ArrayList<>());

    Counting(DataSource delegate) {
      this.delegate = delegate;
    }

    int connections() {
      return connections.get();
    }

    int readOnlyBeforeUse() {
      return readOnlyBeforeUse.get();
    }

    List<String> statements() {
      synchronized (statements) {
        return List.copyOf(statements);
      }
    }

    void reset() {
      connections.set(0);
      readOnlyBeforeUse.set(0);
      statements.clear();
    }

    @Override
    public Connection getConnection() throws SQLException {
      Connection physical = delegate.getConnection();
      connections.incrementAndGet();
      boolean[] readOnly = {false};
      boolean[] used = {false};
      return (Connection)
          Proxy.newProxyInstance(
              Connection.class.getClassLoader(),
              new Class<?>[] {Connection.class},
              (proxy, method, args) -> {
                String name = method.getName();
                if (name.equals("setReadOnly")) {
                  readOnly[0] = (Boolean) args[0];
                }
                if (name.startsWith("prepare") || name.equals("createStatement")) {
                  if (!used[0]) {
                    used[0] = true;
                    if (readOnly[0]) {
                      readOnlyBeforeUse.incrementAndGet();
                    }
                  }
                  if (args != null && args.length > 0 && args[0] instanceof String sql) {
                    statements.add(sql.strip());
                  }
                }
                try {
                  return method.invoke(physical, args);
                } catch (InvocationTargetException e) {
                  throw e.getCause();
                }
              });
    }
  }
}
