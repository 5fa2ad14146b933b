package dev.dispatchkit.examples.largemail;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.jdbc.JdbcStore;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.mail.JakartaMail;
import dev.dispatchkit.mail.MailSecurity;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import java.time.Duration;
import java.util.Locale;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The child JVM of {@link LargeAttachmentPollTest}: one {@code pollOnce} on the dev server's inbox,
 * under the small heap the parent gives it, printing what happened one fact a line.
 *
 * <p>Arguments: IMAP port, login, password, H2 URL, the source's size limit in bytes, subscriber,
 * tracking number.
 */
public final class SmallHeapPoller {

  private SmallHeapPoller() {}

  /** Polls once and prints the quarantines, the poll's items and the order's state. */
  public static void main(String[] args) throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(args[3]);
    System.out.println("maxHeap " + Runtime.getRuntime().maxMemory());
    try (ImapMailSource inbox =
        JakartaMail.imap()
            .host("127.0.0.1")
            .port(Integer.parseInt(args[0]))
            .security(MailSecurity.NONE)
            .credentials(args[1], args[2])
            .readTimeout(Duration.ofSeconds(30))
            .maxMessageSize(Long.parseLong(args[4]))
            .onQuarantine(
                q ->
                    System.out.println(
                        "quarantined " + q.reason() + " " + q.size() + " " + q.subject()))
            .build()) {
      DispatchKit kit =
          DispatchKit.builder()
              .store(JdbcStore.builder(dataSource).build())
              .attachmentStore(JdbcStore.builder(dataSource).buildAttachmentStore())
              .mailSender(refusingSender())
              .replyTokens(LargeAttachmentPollTest.TOKENS)
              .fromAddress(LargeAttachmentPollTest.MAILBOX)
              .replyAddress("dispatch", "host.example")
              .build();
      PollResult polled = kit.pollOnce(inbox, 10);
      for (PollResult.Item item : polled.items()) {
        System.out.println(
            item.result() != null
                ? "item " + item.result().outcome()
                : "failed " + item.failure().replace('\n', ' '));
      }
      WorkOrder order =
          kit.find(SubscriberId.of(args[5]), TrackingNumber.of(args[6])).orElseThrow();
      System.out.println("confirmed " + order.status().equals(Status.DISPATCH_CONFIRMED));
      System.out.println("attachments " + order.attachments().size());
      Runtime rt = Runtime.getRuntime();
      System.out.println(
          String.format(
              Locale.ROOT, "heapUsedAtEnd %d", (rt.totalMemory() - rt.freeMemory()) >> 20));
    }
  }

  /** The poll sends nothing; a mail it tries to send would show as a failure line. */
  private static MailSender refusingSender() {
    return mail -> {
      throw new IllegalStateException("the child sends no mail");
    };
  }
}
