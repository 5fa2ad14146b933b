package dev.dispatchkit.examples.e2e;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.mail.JakartaMail;
import dev.dispatchkit.mail.MailSecurity;
import dev.dispatchkit.mail.QuarantinedMessage;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.OutboxEntry;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * One host instance: a {@link DispatchKit} on a JDBC store, sending through the mail server's SMTP
 * proxy with the real {@code SmtpMailSender} and reading replies through its IMAP proxy with a real
 * {@code ImapMailSource}. Several nodes may share one database and one mailbox.
 */
final class Node implements AutoCloseable {

  /** The reply-token signing key every node shares, as instances of one host do. */
  static final ReplyTokens TOKENS =
      ReplyTokens.builder()
          .signingKey(1, "e2e-secret-e2e-secret-e2e-secret".getBytes(StandardCharsets.US_ASCII))
          .build();

  final WorkOrderStore store;
  final AttachmentStore attachments;
  final ImapMailSource source;
  final DispatchKit kit;
  final List<QuarantinedMessage> quarantined = new CopyOnWriteArrayList<>();

  Node(MailServer mail, DataSource dataSource, String tablePrefix, Clock clock) {
    this(mail, dataSource, tablePrefix, clock, DispatchListener.NONE);
  }

  Node(
      MailServer mail,
      DataSource dataSource,
      String tablePrefix,
      Clock clock,
      DispatchListener listener) {
    store = JdbcStore.builder(dataSource).tablePrefix(tablePrefix).build();
    attachments = JdbcStore.builder(dataSource).tablePrefix(tablePrefix).buildAttachmentStore();
    source =
        JakartaMail.imap()
            .host("127.0.0.1")
            .port(mail.imapPort())
            .security(MailSecurity.NONE)
            .credentials(MailServer.REPLIES_LOGIN, MailServer.REPLIES_PASSWORD)
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .reconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30))
            .clock(clock)
            .onQuarantine(quarantined::add)
            .build();
    kit =
        DispatchKit.builder()
            .store(store)
            .attachmentStore(attachments)
            .mailSender(
                JakartaMail.smtp()
                    .host("127.0.0.1")
                    .port(mail.smtpPort())
                    .security(MailSecurity.NONE)
                    .connectTimeout(Duration.ofSeconds(2))
                    .readTimeout(Duration.ofSeconds(5))
                    .clock(clock)
                    .build())
            .clock(clock)
            .replyTokens(TOKENS)
            .fromAddress(MailServer.REPLIES)
            .replyAddress("dispatch", "host.example")
            .outboxRetry(5, Duration.ofMinutes(1), Duration.ofMinutes(10))
            .listener(listener)
            .build();
  }

  /** Saves the default preferences of {@link Fixtures}: the provider answers in French. */
  Node withPreferences() {
    store.inTransaction(
        tx -> {
          tx.preferences().save(Fixtures.preference());
          return null;
        });
    return this;
  }

  /** An outbox entry as stored. */
  Optional<OutboxEntry> outbox(String outboxId) {
    return store.inTransaction(tx -> tx.outbox().find(outboxId));
  }

  @Override
  public void close() {
    source.close();
  }
}
