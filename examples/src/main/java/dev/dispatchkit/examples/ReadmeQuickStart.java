package dev.dispatchkit.examples;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.mail.JakartaMail;
import dev.dispatchkit.mail.MailSecurity;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.runtime.DispatchKitRunner;
import dev.dispatchkit.spi.DispatchListener;
import javax.sql.DataSource;

/**
 * The README's quick start, compiled and run by {@code ReadmeQuickStartTest}, which also checks
 * that the README shows these lines word for word.
 */
final class ReadmeQuickStart {

  private ReadmeQuickStart() {}

  record Wired(DispatchKit kit, ImapMailSource inbox, DispatchKitRunner runner) {}

  static Wired wire(DataSource dataSource, byte[] secret, String password) {
    // snippet: quickstart
    DispatchKit kit =
        DispatchKit.builder()
            .store(JdbcStore.builder(dataSource).build()) // creates its tables with Flyway
            .attachmentStore(JdbcStore.builder(dataSource).buildAttachmentStore())
            .mailSender(
                JakartaMail.smtp()
                    .host("smtp.example.com")
                    .port(587) // the default for STARTTLS
                    .security(MailSecurity.STARTTLS) // the default: refuses a server without TLS
                    .credentials("dispatch", password)
                    .build())
            .replyTokens(ReplyTokens.builder().signingKey(1, secret).build())
            .fromAddress("dispatch@example.com")
            .replyAddress("dispatch", "example.com") // replies go to dispatch+<token>@example.com
            .listener(DispatchKitRunner.listener(DispatchListener.NONE)) // relay at once
            .build();
    ImapMailSource inbox =
        JakartaMail.imap()
            .host("imap.example.com")
            .port(993) // the default for IMPLICIT_TLS
            .security(MailSecurity.IMPLICIT_TLS)
            .credentials("dispatch", password) // the mailbox of dispatch@example.com
            .build();
    // Polls (waking on IMAP IDLE), relays the outbox and sweeps until runner.close().
    DispatchKitRunner runner = DispatchKitRunner.builder(kit).mailSource(inbox).build();
    runner.start();
    // end-snippet
    return new Wired(kit, inbox, runner);
  }
}
