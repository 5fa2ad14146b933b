package dev.dispatchkit.examples;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.query.WorkOrderPage;
import dev.dispatchkit.rules.WorkOrderFlags;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.testkit.SettableClock;
import dev.dispatchkit.workorder.AttachmentRef;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.NoteAuthor;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderEvent;
import dev.dispatchkit.workorder.WorkOrderKey;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The whole story on embedded defaults: an H2 file database and a GreenMail server on loopback
 * ports, with a provider played by a real Jakarta Mail client. Three work orders are dispatched,
 * answered by email ("OK", "Non", an out-of-office), searched, rescheduled, noted, swept late and
 * reassigned. The clock is a settable one, so the story reads the same on every run.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    versionProvider = ExamplesVersion.class,
    description =
        "Runs the DispatchKit story on an embedded H2 database and an embedded mail server.")
final class DemoCommand implements Callable<Integer> {

  static final ZoneId LYON = ZoneId.of("Europe/Paris");
  static final SubscriberId CLIENT = SubscriberId.of("client-1");
  static final ProviderId ACME = ProviderId.of("acme-plumbing");
  static final ProviderId BRAVO = ProviderId.of("bravo-services");
  static final String ACME_ADDRESS = "dispatch@acme-plumbing.example";
  static final String BRAVO_ADDRESS = "jobs@bravo-services.example";
  static final String CLIENT_ADDRESS = "facilities@client.example";
  static final ContactPerson ALICE = new ContactPerson("Alice Martin", "alice@client.example");

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT).withZone(LYON);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE dd MMM HH:mm", Locale.ROOT).withZone(LYON);
  private static final Site STORE_112 =
      new Site("Store 112", "17 rue du Docteur Bouchut, 69003 Lyon", "+33 4 72 00 00 00", LYON);

  @Option(
      names = "--data-dir",
      description =
          "Directory of the H2 database file; emptied of an earlier demo's database first"
              + " (default: dispatchkit-demo under the system temporary directory).")
  private Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "dispatchkit-demo");

  private final PrintStream out = System.out;
  private final SettableClock clock = SettableClock.at(local(2, 8, 0));

  @Override
  public Integer call() {
    heading("DispatchKit demo");
    out.println("An H2 file database and an embedded SMTP/IMAP server, on this machine only.");
    out.println("The clock is simulated: Monday 2 March 2026 in Lyon, from 08:00.");
    try (LocalStack stack =
        LocalStack.start(
            dataDir,
            clock,
            List.of(ACME_ADDRESS, BRAVO_ADDRESS, CLIENT_ADDRESS, ALICE.email()),
            builder -> builder.listener(new Narrator()))) {
      out.printf(
          Locale.ROOT,
          "Database %s; SMTP on 127.0.0.1:%d, IMAP on 127.0.0.1:%d.%n",
          dataDir.resolve("dispatchkit.mv.db"),
          stack.smtpPort(),
          stack.imapPort());
      new Story(stack).tell();
    }
    out.println();
    out.println("Done: every server and connection is closed.");
    return 0;
  }

  /** The story, step by step, on one stack. */
  private final class Story {
    private final LocalStack stack;
    private final DispatchKit kit;
    private final Map<String, MimeMessage> requests = new TreeMap<>();

    Story(LocalStack stack) {
      this.stack = stack;
      this.kit = stack.kit();
    }

    void tell() {
      setUp();
      dispatch();
      replies();
      search();
      reschedule();
      noteAndPhoto();
      sweep();
      reassign();
      summary();
    }

    private void setUp() {
      heading("1. Dispatch preferences of client-1");
      List<DispatchPreference> preferences =
          List.of(
              new DispatchPreference(
                  CLIENT, ACME, ACME_ADDRESS, List.of(), Locale.FRENCH, CLIENT_ADDRESS, false),
              new DispatchPreference(
                  CLIENT, BRAVO, BRAVO_ADDRESS, List.of(), Locale.FRENCH, CLIENT_ADDRESS, false));
      stack
          .store()
          .inTransaction(
              tx -> {
                preferences.forEach(tx.preferences()::save);
                return null;
              });
      for (DispatchPreference p : preferences) {
        out.printf(
            Locale.ROOT,
            "  %-15s requests to %-31s in %s, answers told to %s%n",
            p.provider(),
            p.dispatchAddress(),
            p.language().getDisplayLanguage(Locale.ENGLISH),
            p.clientAddress());
      }
    }

    private void dispatch() {
      heading("2. Three service requests, sent by email");
      order("100201", Priority.URGENT, "PLUMBING", "Leak under the sink in the staff room", 2, 14);
      order("100202", Priority.NON_URGENT, "HVAC", "No heating in the back office", 3, 9);
      order("100203", Priority.NON_URGENT, "ELECTRICAL", "Car park lights out", 2, 11);
      relay();
      for (MimeMessage mail : stack.newMail(ACME_ADDRESS)) {
        requests.put(tracking(mail), mail);
        printMail(ACME_ADDRESS, mail);
      }
    }

    private void order(
        String number, Priority priority, String trade, String problem, int day, int hour) {
      kit.dispatch(
          new WorkOrderCommand.Dispatch(
              TrackingNumber.of(number),
              CLIENT,
              ACME,
              STORE_112,
              new Problem(trade, problem, "Ask for Marc at the front desk."),
              priority,
              Nte.of("500.00", "EUR"),
              ExpectedDate.of(LocalDateTime.of(2026, 3, day, hour, 0), LYON),
              List.of(ALICE)));
    }

    private void replies() {
      heading("3. The provider answers from its phone and its mail program");
      at(8, 12);
      stack.reply(requests.get("100201")).text("OK").signature("Envoyé de mon iPhone").send();
      say("acme-plumbing replies to 100201: \"OK\" above the quoted request, iPhone signature");
      at(8, 40);
      stack.reply(requests.get("100202")).text("Non, pas disponible cette semaine").send();
      say("acme-plumbing replies to 100202: \"Non, pas disponible cette semaine\"");
      at(8, 41);
      stack
          .reply(requests.get("100203"))
          .text(
              "Je suis absent du bureau jusqu'au 9 mars.\n"
                  + "Pour toute urgence, appelez le 04 72 00 00 01.")
          .quoteOriginal(false)
          .autoReply()
          .send();
      say("acme-plumbing's mail program answers 100203 with an out-of-office note");
      at(8, 45);
      int handled = kit.pollOnce(stack.mailSource(), 10).handled();
      say("the kit polls its IMAP inbox: " + handled + " messages handled");
      relay();
      for (MimeMessage mail : stack.newMail(CLIENT_ADDRESS)) {
        printMail(CLIENT_ADDRESS, mail);
      }
      List<MimeMessage> toProvider = stack.newMail(ACME_ADDRESS);
      out.println(
          "  The out-of-office note changed nothing and was not answered: "
              + toProvider.size()
              + " mails back to acme-plumbing; 100203 is still "
              + status("100203")
              + ".");
    }

    private void search() {
      heading("4. Search");
      for (WorkOrder order : kit.findByTrackingNumber(TrackingNumber.of("100201"))) {
        out.println("  tracking number 100201: " + line(order));
      }
      WorkOrderPage open =
          kit.list(kit.query().primaryStatuses(Set.of(PrimaryStatus.OPEN)).build());
      // Past the query's count cap the total is a lower bound: "10000+ work orders".
      out.println(
          "  status OPEN: " + open.total() + (open.totalExact() ? "" : "+") + " work orders");
      open.items().forEach(order -> out.println("    " + line(order)));
    }

    private void reschedule() {
      heading("5. Reschedule 100201, telling Alice");
      at(9, 5);
      kit.changeExpectedDate(
          key("100201"),
          ExpectedDate.of(LocalDateTime.of(2026, 3, 3, 10, 0), LYON),
          "La pièce arrive demain matin.",
          ALICE);
      relay();
      for (MimeMessage mail : stack.newMail(ALICE.email())) {
        printMail(ALICE.email(), mail);
      }
    }

    private void noteAndPhoto() {
      heading("6. A note, a photo and an NTE increase on 100201");
      at(9, 30);
      kit.addNote(key("100201"), "Vanne fermée, fuite contenue.", NoteAuthor.PROVIDER);
      AttachmentRef photo =
          kit.addAttachment(
              key("100201"), "sink.png", "image/png", new ByteArrayInputStream(photo()));
      WorkOrder order = find("100201");
      order.notes().forEach(n -> say("note by " + n.author() + ": \"" + n.text() + "\"", n.at()));
      say(
          "attachment "
              + photo.fileName()
              + " ("
              + photo.contentType()
              + ", "
              + photo.size()
              + " bytes): "
              + stack.attachments().link(photo.id()));
      nteIncrease();
    }

    /** The provider asks for a higher NTE by email; the client approves it in its portal. */
    private void nteIncrease() {
      at(9, 45);
      stack
          .reply(requests.get("100201"))
          .text("Demande d'augmentation NTE : 750 €\nLe siphon est fissuré, il faut le changer.")
          .send();
      say("acme-plumbing replies to 100201: \"Demande d'augmentation NTE : 750 €\"");
      kit.pollOnce(stack.mailSource(), 10);
      relay();
      for (MimeMessage mail : stack.newMail(CLIENT_ADDRESS)) {
        printMail(CLIENT_ADDRESS, mail);
      }
      at(10, 0);
      kit.approveNteIncrease(key("100201"), "Accord, merci de prévenir Alice avant de passer.");
      say("the client approves the increase in its portal");
      relay();
      for (MimeMessage mail : stack.newMail(ACME_ADDRESS)) {
        printMail(ACME_ADDRESS, mail);
      }
      say("NTE of 100201 now in force: " + find("100201").nte());
    }

    private void sweep() {
      heading("7. The clock moves on to 12:05; the sweep runs");
      at(12, 5);
      int raised = kit.sweep();
      out.println("  sweep raised " + raised + " event(s)");
      out.printf(
          Locale.ROOT,
          "  %-7s %-31s %-16s %-17s %-5s %-8s %s%n",
          "order",
          "status",
          "provider",
          "expected",
          "late",
          "overdue",
          "reassignable");
      for (WorkOrder order : all()) {
        WorkOrderFlags flags = kit.flags(order.key()).orElseThrow();
        out.printf(
            Locale.ROOT,
            "  %-7s %-31s %-16s %-17s %-5s %-8s %s%n",
            order.trackingNumber(),
            order.status(),
            order.provider(),
            DATE.format(order.expectedDate().instant()),
            yes(flags.late()),
            yes(flags.responseOverdue()),
            yes(flags.reassignable()));
      }
    }

    private void reassign() {
      heading("8. Reassign the declined 100202 to bravo-services");
      at(12, 10);
      kit.reassign(key("100202"), BRAVO);
      relay();
      for (MimeMessage mail : stack.newMail(BRAVO_ADDRESS)) {
        printMail(BRAVO_ADDRESS, mail);
      }
    }

    private void summary() {
      heading("9. Where things stand");
      for (WorkOrder order : all()) {
        out.println("  " + line(order));
      }
      out.println("  Timeline of 100201:");
      for (WorkOrderEvent event : kit.timeline(key("100201"))) {
        if (event instanceof WorkOrderEvent.DispatchMessageRecorded) {
          continue;
        }
        out.println("    " + TIME.format(event.at()) + "  " + describe(event));
      }
    }

    private List<WorkOrder> all() {
      return kit.list(kit.query().build()).items().stream()
          .sorted((a, b) -> a.trackingNumber().toString().compareTo(b.trackingNumber().toString()))
          .toList();
    }

    private WorkOrder find(String number) {
      return kit.find(CLIENT, TrackingNumber.of(number)).orElseThrow();
    }

    private String status(String number) {
      return find(number).status().toString();
    }

    private void relay() {
      int sent = kit.relayOutbox();
      say("outbox relay: " + sent + " mail(s) sent over SMTP");
    }
  }

  /** Prints what the kit tells its listener, as it happens. */
  private final class Narrator implements DispatchListener {
    // The order and time of the last decline: its reason, also kept as a note, is told once.
    private @Nullable String lastDecline;

    @Override
    public void statusChanged(WorkOrder order, WorkOrderEvent event) {
      String declineKey = order.trackingNumber() + "@" + event.at();
      if (event instanceof WorkOrderEvent.Declined) {
        lastDecline = declineKey;
      }
      boolean reasonAsNote =
          event instanceof WorkOrderEvent.NoteAdded note
              && note.note().author() == NoteAuthor.PROVIDER
              && declineKey.equals(lastDecline);
      // The Message-ID bookkeeping after a dispatch is no news to a reader.
      if (!(event instanceof WorkOrderEvent.DispatchMessageRecorded) && !reasonAsNote) {
        say(
            order.trackingNumber() + " " + describe(event) + "  [" + order.status() + "]",
            event.at());
      }
    }

    @Override
    public void late(WorkOrder order) {
      say(
          order.trackingNumber()
              + " is LATE: expected "
              + DATE.format(order.expectedDate().instant())
              + ", nobody on site");
    }

    @Override
    public void responseOverdue(WorkOrder order) {
      say(order.trackingNumber() + " has had no answer in time");
    }
  }

  private void printMail(String mailbox, MimeMessage mail) {
    try {
      out.println();
      out.println("  +-- mail received by " + mailbox);
      out.println("  | Subject:  " + mail.getSubject());
      out.println("  | From:     " + addresses(mail.getFrom()));
      if (mail.getReplyTo() != null && !Arrays.equals(mail.getReplyTo(), mail.getFrom())) {
        out.println("  | Reply-To: " + addresses(mail.getReplyTo()));
      }
      out.println("  |");
      for (String line : LocalStack.text(mail).strip().split("\r?\n")) {
        out.println("  | " + line);
      }
      out.println("  +--");
    } catch (MessagingException e) {
      throw new IllegalStateException("cannot read a received mail", e);
    }
  }

  private static String addresses(Address[] addresses) {
    return Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }

  private static String tracking(MimeMessage mail) {
    try {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("\\b(\\d{6})\\b").matcher(mail.getSubject());
      return m.find() ? m.group(1) : "";
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String line(WorkOrder order) {
    return String.format(
        Locale.ROOT,
        "%s %-31s %-15s expected %s",
        order.trackingNumber(),
        order.status(),
        order.provider(),
        DATE.format(order.expectedDate().instant()));
  }

  private static String describe(WorkOrderEvent event) {
    if (event instanceof WorkOrderEvent.Accepted) {
      return "accepted";
    } else if (event instanceof WorkOrderEvent.AttachmentAdded e) {
      return "attachment added: " + e.attachment().fileName();
    } else if (event instanceof WorkOrderEvent.Dispatched e) {
      return "dispatched to " + e.provider() + " (" + e.priority() + ")";
    } else if (event instanceof WorkOrderEvent.Declined e) {
      return "declined" + (e.text() == null ? "" : ": \"" + e.text() + "\"");
    } else if (event instanceof WorkOrderEvent.ExpectedDateChanged e) {
      return "rescheduled to "
          + DATE.format(e.newDate().instant())
          + ", "
          + e.contactToNotify().name()
          + " told";
    } else if (event instanceof WorkOrderEvent.NoteAdded e) {
      return "note: \"" + e.note().text() + "\"";
    } else if (event instanceof WorkOrderEvent.Reassigned e) {
      return "reassigned " + e.previousProvider() + " -> " + e.provider();
    } else if (event instanceof WorkOrderEvent.NteIncreaseRequested e) {
      return "asked for a higher NTE: " + e.requested() + " (\"" + e.reason() + "\")";
    } else if (event instanceof WorkOrderEvent.NteIncreaseApproved e) {
      return "NTE increase approved: " + e.previousNte() + " -> " + e.nte();
    }
    return event.kind().name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  private static byte[] photo() {
    // A small generated picture: a grey sink on a blue wall.
    BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(new Color(0x4a90d9));
      g.fillRect(0, 0, 64, 48);
      g.setColor(Color.LIGHT_GRAY);
      g.fillRoundRect(12, 20, 40, 18, 8, 8);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return png.toByteArray();
  }

  private void heading(String title) {
    out.println();
    out.println("== " + title + " " + "=".repeat(Math.max(3, 76 - title.length())));
  }

  private void say(String text) {
    say(text, clock.instant());
  }

  private void say(String text, Instant at) {
    out.println("  " + TIME.format(at) + "  " + text);
  }

  private void at(int hour, int minute) {
    clock.set(local(2, hour, minute));
  }

  private static Instant local(int day, int hour, int minute) {
    return LocalDateTime.of(2026, 3, day, hour, minute).atZone(LYON).toInstant();
  }

  private static WorkOrderKey key(String number) {
    return new WorkOrderKey(CLIENT, TrackingNumber.of(number));
  }

  private static String yes(boolean flag) {
    return flag ? "yes" : "-";
  }
}
