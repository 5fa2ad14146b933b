package dev.dispatchkit.runtime;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.mail.JakartaMail;
import dev.dispatchkit.mail.MailSecurity;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * One host instance: a kit on a JDBC store, sending over SMTP and reading over IMAP from {@link
 * Mailbox}, built with the runner's relay-waking listener, as a host following docs/operations.md
 * would.
 */
final class Host {

  static final ReplyTokens TOKENS =
      ReplyTokens.builder()
          .signingKey(1, "runner-secret-runner-secret-runner".getBytes(StandardCharsets.US_ASCII))
          .build();

  final WorkOrderStore store;
  final DispatchKit kit;
  final MailSender smtp;

  Host(Mailbox mail, DataSource dataSource, String prefix) {
    this(
        mail,
        dataSource,
        prefix,
        UnaryOperator.identity(),
        DispatchListener.NONE,
        Duration.ofMinutes(5));
  }

  Host(
      Mailbox mail,
      DataSource dataSource,
      String prefix,
      UnaryOperator<MailSender> senderWrapper,
      DispatchListener hostListener,
      Duration outboxLease) {
    store = JdbcStore.builder(dataSource).tablePrefix(prefix).build();
    smtp =
        JakartaMail.smtp()
            .host("127.0.0.1")
            .port(mail.smtpPort())
            .security(MailSecurity.NONE)
            .connectTimeout(Duration.ofSeconds(2))
            .readTimeout(Duration.ofSeconds(5))
            .build();
    kit =
        DispatchKit.builder()
            .store(store)
            .attachmentStore(
                JdbcStore.builder(dataSource).tablePrefix(prefix).buildAttachmentStore())
            .mailSender(senderWrapper.apply(smtp))
            .replyTokens(TOKENS)
            .fromAddress(Mailbox.REPLIES)
            .replyAddress("dispatch", "host.example")
            .outboxLease(outboxLease)
            .listener(DispatchKitRunner.listener(hostListener))
            .build();
  }

  /** A new IMAP source on the reply mailbox. */
  static ImapMailSource source(Mailbox mail) {
    return JakartaMail.imap()
        .host("127.0.0.1")
        .port(mail.imapPort())
        .security(MailSecurity.NONE)
        .credentials(Mailbox.REPLIES_LOGIN, Mailbox.REPLIES_PASSWORD)
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(10))
        .reconnectBackoff(Duration.ofMillis(200), Duration.ofSeconds(2))
        .build();
  }

  Host withPreferences() {
    store.inTransaction(
        tx -> {
          tx.savePreference(Fixtures.preference());
          return null;
        });
    return this;
  }
}
