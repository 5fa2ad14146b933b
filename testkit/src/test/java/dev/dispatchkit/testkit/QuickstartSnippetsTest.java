package dev.dispatchkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.reply.InboundMessage;
import dev.dispatchkit.reply.InboundResult;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.OutboundMail;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.NewAttachment;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProgressUpdate;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The code of {@code docs/quickstart.md}: each region between {@code tag::} and {@code end::}
 * markers appears there verbatim, which {@link #docShowsTheseSnippetsVerbatim} checks.
 */
class QuickstartSnippetsTest {

  private static final Path DOC = Path.of("..", "docs", "quickstart.md");
  private static final Path SOURCE =
      Path.of(
          "src", "test", "java", "dev", "dispatchkit", "testkit", "QuickstartSnippetsTest.java");

  @TempDir Path temp;

  @Test
  void quickstartRuns() throws IOException {
    Path quote = Files.write(temp.resolve("devis.pdf"), new byte[] {'%', 'P', 'D', 'F'});
    byte[] secret = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    InMemoryWorkOrderStore store = new InMemoryWorkOrderStore();
    RecordingMailSender mailSender = new RecordingMailSender();
    // tag::build[]
    DispatchKit kit =
        DispatchKit.builder()
            .store(store)
            .mailSender(mailSender)
            .attachmentStore(new InMemoryAttachmentStore())
            .replyTokens(ReplyTokens.builder().signingKey(1, secret).build())
            .fromAddress("dispatch@host.example")
            .replyAddress("dispatch", "host.example")
            .build();
    // end::build[]
    // tag::preference[]
    kit.savePreference(
        new DispatchPreference(
            SubscriberId.of("client-1"),
            ProviderId.of("acme-plumbing"),
            "dispatch@acme-plumbing.example", // where service requests go; replies come from it
            List.of(), // further addresses allowed to answer
            Locale.FRENCH, // the language of the mails: fr or en
            "facilities@client.example", // told of the provider's answers
            false)); // not failing: no bounce yet
    // end::preference[]
    // tag::dispatch[]
    WorkOrder order =
        kit.dispatch(
            WorkOrderCommand.Dispatch.builder()
                .trackingNumber("100200")
                .subscriber("client-1")
                .provider("acme-plumbing")
                .site(
                    new Site(
                        "Store 112 - Lyon Part-Dieu",
                        "17 rue du Docteur Bouchut, 69003 Lyon",
                        "+33 4 72 00 00 00",
                        ZoneId.of("Europe/Paris")))
                .problem(new Problem("PLUMBING", "Leak under the sink", "Valve closed."))
                .priority(Priority.URGENT)
                .nte(Nte.of("500.00", "EUR"))
                .expectedDate(LocalDateTime.of(2026, 3, 4, 10, 0)) // in the site's zone
                .contact(new ContactPerson("Alice Martin", "alice@client.example"))
                .build());
    kit.relayOutbox(); // the host calls this periodically
    // end::dispatch[]
    assertThat(kit.preference(Fixtures.SUBSCRIBER, Fixtures.PROVIDER))
        .contains(Fixtures.preference());
    // tag::request[]
    OutboundMail request = mailSender.sent().get(0); // the service request, as the relay sent it
    // end::request[]
    // tag::reply[]
    InboundResult result =
        kit.handle(
            InboundMessage.builder()
                .messageId("reply-1@acme-plumbing.example")
                .from("dispatch@acme-plumbing.example")
                .to(request.replyTo())
                .subject("RE: " + request.subject())
                .textBody("OK, technicien sur place demain")
                .build());
    // end::reply[]
    assertThat(result.outcome()).isEqualTo(InboundResult.Outcome.APPLIED);
    assertThat(kit.find(order.subscriber(), order.trackingNumber()).orElseThrow().status())
        .isEqualTo(Status.DISPATCH_CONFIRMED);
    WorkOrderKey key = order.key();
    byte[] jpeg = {(byte) 0xff, (byte) 0xd8};
    // tag::nte-increase[]
    kit.requestNteIncrease(key, Money.of("750.00", "EUR"), "Le siphon est fissuré");
    kit.approveNteIncrease(key, "Accord"); // or kit.rejectNteIncrease(key, "Trop cher")
    // end::nte-increase[]
    // tag::note-files[]
    kit.addNote(
        key,
        "Photos avant intervention",
        NoteAuthor.PROVIDER,
        List.of(
            NewAttachment.of("avant.jpg", "image/jpeg", jpeg),
            new NewAttachment("devis.pdf", "application/pdf", () -> Files.newInputStream(quote))));
    // end::note-files[]
    WorkOrder after = kit.find(order.subscriber(), order.trackingNumber()).orElseThrow();
    assertThat(after.nte().amount()).isEqualByComparingTo("750");
    assertThat(after.notes().get(after.notes().size() - 1).attachmentIds()).hasSize(2);
    // tag::lifecycle[]
    kit.updateProgress(key, ProgressUpdate.PARTS_ON_ORDER, "Valve ordered, back on Friday");
    kit.checkIn(key);
    kit.complete(key); // COMPLETED/PENDING_CONFIRMATION
    kit.rejectCompletion(key, "The tap still drips"); // back to IN_PROGRESS/INCOMPLETE
    kit.complete(key);
    kit.confirm(key); // COMPLETED/CONFIRMED
    // end::lifecycle[]
    assertThat(kit.find(order.subscriber(), order.trackingNumber()).orElseThrow().status())
        .isEqualTo(Status.CONFIRMED);
    assertThat(kit.timeline(key))
        .anySatisfy(e -> assertThat(e).isInstanceOf(WorkOrderEvent.CompletionRejected.class));
  }

  @Test
  void docShowsTheseSnippetsVerbatim() throws IOException {
    String doc = Files.readString(DOC, StandardCharsets.UTF_8);
    String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
    Matcher snippet =
        Pattern.compile("<!-- snippet: ([\\w-]+) -->\\n```java\\n(.*?)\\n```", Pattern.DOTALL)
            .matcher(doc);
    int found = 0;
    while (snippet.find()) {
      found++;
      assertThat(snippet.group(2))
          .as("snippet " + snippet.group(1))
          .isEqualTo(region(source, snippet.group(1)));
    }
    assertThat(found).isEqualTo(8);
  }

  private static String region(String source, String name) {
    Matcher m =
        Pattern.compile(
                "\\n([ \\t]*)// tag::"
                    + Pattern.quote(name)
                    + "\\[]\\n(.*?)\\n[ \\t]*// end::"
                    + Pattern.quote(name)
                    + "\\[]",
                Pattern.DOTALL)
            .matcher(source);
    assertThat(m.find()).as("region %s", name).isTrue();
    String indent = m.group(1);
    return m.group(2)
        .lines()
        .map(line -> line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
        .collect(Collectors.joining("\n"));
  }
}
