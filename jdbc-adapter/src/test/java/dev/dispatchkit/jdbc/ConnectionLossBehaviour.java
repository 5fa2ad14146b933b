package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.Orders.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.jdbc.testsupport.TestDatabase;
import dev.dispatchkit.reply.Intent;
import dev.dispatchkit.spi.InboxRecord;
import dev.dispatchkit.spi.StoreTransaction;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.WorkOrder;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The database session dies in the middle of a unit of work (killed from another session, as an
 * administrator or a failover would): the unit of work fails with a StoreException and leaves
 * nothing behind.
 */
abstract class ConnectionLossBehaviour extends DatabaseTest {

  ConnectionLossBehaviour(TestDatabase database) {
    super(database);
  }

  @Test
  void aSessionKilledMidTransactionLeavesNoPartialState() {
    AtomicReference<Connection> handedOut = new AtomicReference<>();
    DataSource watched = watching(database.dataSource(prefix), handedOut);
    WorkOrderStore victim = JdbcStore.builder(watched).tablePrefix(prefix).migrate(false).build();
    WorkOrder order = Orders.dispatched("client-1", "100200");
    InboxRecord inbound =
        new InboxRecord("<m@x>", null, null, T0, Intent.ACCEPT, "r", order.key(), "applied", false);

    assertThatThrownBy(
            () ->
                victim.inTransaction(
                    (StoreTransaction tx) -> {
                      tx.workOrders().insert(order);
                      tx.inbox().record(inbound);
                      kill(handedOut.get());
                      tx.outbox().enqueue(Orders.mail("o-1"), T0);
                      return null;
                    }))
        .isInstanceOf(StoreException.class);

    store.inTransaction(
        (StoreTransaction tx) -> {
          assertThat(tx.workOrders().find(order.key())).isEmpty();
          assertThat(tx.inbox().find("<m@x>")).isEmpty();
          assertThat(tx.outbox().find("o-1")).isEmpty();
          return null;
        });
    // The store is not broken for the next unit of work.
    victim.inTransaction(
        (StoreTransaction tx) -> {
          tx.workOrders().insert(order);
          return null;
        });
    assertThat(store.inTransaction((StoreTransaction tx) -> tx.workOrders().find(order.key())))
        .contains(order);
  }

  /** Ends the session of {@code connection} from another session. */
  private void kill(Connection connection) {
    try {
      String idQuery =
          switch (database) {
            case POSTGRESQL -> "SELECT pg_backend_pid()";
            case MARIADB -> "SELECT CONNECTION_ID()";
            case H2 -> "SELECT SESSION_ID()";
          };
      long id;
      try (Statement s = connection.createStatement();
          ResultSet rows = s.executeQuery(idQuery)) {
        rows.next();
        id = rows.getLong(1);
      }
      String killSql =
          switch (database) {
            case POSTGRESQL -> "SELECT pg_terminate_backend(?)";
            case MARIADB -> "KILL ?";
            case H2 -> "SELECT ABORT_SESSION(?)";
          };
      try (Connection admin = dataSource.getConnection();
          PreparedStatement kill = admin.prepareStatement(killSql)) {
        kill.setInt(1, Math.toIntExact(id));
        kill.execute();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not kill the session", e);
    }
  }

  /** A data source that remembers the last connection it handed out. */
  private static DataSource watching(DataSource target, AtomicReference<Connection> last) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              try {
                Object result = method.invoke(target, args);
                if (result instanceof Connection c) {
                  last.set(c);
                }
                return result;
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
