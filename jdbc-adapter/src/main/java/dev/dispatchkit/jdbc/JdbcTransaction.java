package dev.dispatchkit.jdbc;

import dev.dispatchkit.spi.StoreTransaction;
import java.sql.Connection;

/**
 * One unit of work on one JDBC connection; used by one thread, until its work returns. Its role
 * ports share the connection (through one {@link SqlSession}), so they act in this one transaction;
 * commit and rollback are {@link JdbcWorkOrderStore}'s.
 */
final class JdbcTransaction implements StoreTransaction {
  private final SqlSession session;
  private final JdbcWorkOrders workOrders;
  private final JdbcTimeline timeline;
  private final JdbcDispatches dispatches;
  private final JdbcInbox inbox;
  private final JdbcOutbox outbox;
  private final JdbcPreferences preferences;
  private final JdbcOnceMarks onceMarks;

  JdbcTransaction(Connection connection, SqlDialect dialect, Tables tables) {
    this.session = new SqlSession(connection, dialect, tables);
    this.workOrders = new JdbcWorkOrders(session);
    this.timeline = new JdbcTimeline(session);
    this.dispatches = new JdbcDispatches(session);
    this.inbox = new JdbcInbox(session);
    this.outbox = new JdbcOutbox(session);
    this.preferences = new JdbcPreferences(session);
    this.onceMarks = new JdbcOnceMarks(session);
  }

  /**
   * Sends the writes its ports held back (see {@link DeferredWrites}), with the commit where the
   * dialect can; returns whether that committed the transaction.
   */
  boolean flushAndCommit() {
    return session.flushAndCommit();
  }

  /** Ends the transaction: any later call on one of its ports fails. */
  void close() {
    session.close();
  }

  @Override
  public JdbcWorkOrders workOrders() {
    return workOrders;
  }

  @Override
  public JdbcTimeline timeline() {
    return timeline;
  }

  @Override
  public JdbcDispatches dispatches() {
    return dispatches;
  }

  @Override
  public JdbcInbox inbox() {
    return inbox;
  }

  @Override
  public JdbcOutbox outbox() {
    return outbox;
  }

  @Override
  public JdbcPreferences preferences() {
    return preferences;
  }

  @Override
  public JdbcOnceMarks onceMarks() {
    return onceMarks;
  }
}
