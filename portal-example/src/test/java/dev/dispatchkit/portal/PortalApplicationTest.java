package dev.dispatchkit.portal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.devserver.DevMailServer;
import dev.dispatchkit.portal.HttpVisitor.Upload;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.PrimaryStatus;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.Status;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import jakarta.mail.internet.MimeMessage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The portal as a person uses it, over real HTTP against the application started on a free port
 * with its demo profile: the seeded orders, the embedded mail server and the runner. One context
 * for the class; each test works on orders of its own.
 */
class PortalApplicationTest {

  private static final String HORIZON = "/orders/residences-horizon/";
  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

  private static ConfigurableApplicationContext context;
  private static int port;
  private static DispatchKit kit;
  private static DevMailServer mail;

  @BeforeAll
  static void start() {
    context =
        SpringApplication.run(
            PortalApplication.class,
            "--server.port=0",
            "--portal.demo.smtp-port=0",
            "--portal.demo.imap-port=0",
            // Small limits, so that oversized uploads are quick to send.
            "--portal.upload.max-file-size=200KB",
            "--spring.servlet.multipart.max-file-size=1MB",
            "--spring.servlet.multipart.max-request-size=1MB",
            // A count cap below the client's twelve orders, so that the list shows a capped total.
            "--portal.list.count-cap=11",
            "--spring.main.banner-mode=off");
    port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    kit = context.getBean(DispatchKit.class);
    mail = context.getBean(DevMailServer.class);
  }

  @AfterAll
  static void stop() {
    if (context != null) {
      context.close();
    }
  }

  private static HttpVisitor loggedIn(String username) {
    HttpVisitor browser = new HttpVisitor(port);
    HttpResponse<String> login = browser.login(username, "demo");
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location"))
        .hasValueSatisfying(l -> l.endsWith("/orders"));
    return browser;
  }

  @Test
  void aUserLogsInWithTheRightPasswordOnlyAndLogsOut() {
    HttpVisitor stranger = new HttpVisitor(port);
    assertThat(stranger.get("/orders").statusCode()).isEqualTo(302);

    HttpResponse<String> wrong = stranger.login("dupont", "not-the-password");
    assertThat(wrong.headers().firstValue("Location"))
        .hasValueSatisfying(l -> l.endsWith("/login?error"));
    assertThat(stranger.page("/login?error").select("#login-error").text())
        .isEqualTo("Identifiant ou mot de passe incorrect.");
    assertThat(stranger.get("/orders").statusCode()).isEqualTo(302);

    HttpVisitor dupont = loggedIn("dupont");
    Document orders = dupont.page("/orders");
    assertThat(orders.select("#nav-orders").text()).isEqualTo("Ordres de travail");
    assertThat(orders.select("#nav-review")).isEmpty();

    HttpResponse<String> logout = dupont.post("/orders", "/logout", Map.of());
    assertThat(logout.headers().firstValue("Location"))
        .hasValueSatisfying(l -> l.endsWith("/login?logout"));
    assertThat(dupont.get("/orders").statusCode()).isEqualTo(302);
  }

  @Test
  void theSessionCookieIsHttpOnlyAndSameSiteLax() {
    HttpVisitor browser = new HttpVisitor(port);
    browser.get("/login");
    HttpResponse<String> login =
        browser.post("/login", "/login", Map.of("username", "horizon", "password", "demo"));
    List<String> cookies = login.headers().allValues("Set-Cookie");
    assertThat(cookies).anySatisfy(c -> assertThat(c).startsWith("JSESSIONID="));
    String session =
        cookies.stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
    assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
  }

  @Test
  void aProviderSeesItsOwnOrdersOnlyAndAnyOtherAnswers404() {
    HttpVisitor dupont = loggedIn("dupont");
    List<String> listed = trackingNumbers(dupont, "/orders?client=residences-horizon");
    List<String> dupontsOwn =
        kit
            .list(kit.query().subscriber(SubscriberId.of("residences-horizon")).build())
            .items()
            .stream()
            .filter(o -> o.provider().value().equals("plomberie-dupont"))
            .map(o -> o.trackingNumber().value())
            .toList();
    assertThat(listed).containsExactlyInAnyOrderElementsOf(dupontsOwn).doesNotContain("100011");
    assertThat(listed.size()).isGreaterThanOrEqualTo(10);

    // Martin's order, by its URL, by its number alone, and by the search.
    assertThat(dupont.get(HORIZON + "100011").statusCode()).isEqualTo(404);
    assertThat(dupont.get("/orders/100011").statusCode()).isEqualTo(404);
    Document search = dupont.page("/orders/search?tracking=100011");
    assertThat(search.select("#search-none")).hasSize(1);
    assertThat(search.select("#orders tbody tr")).isEmpty();
    // Nor may it act on it.
    assertThat(dupont.post("/orders", HORIZON + "100011/complete", Map.of()).statusCode())
        .isEqualTo(404);

    // An attachment of martin's order: 404 under its own URL and under one of dupont's orders.
    HttpVisitor martin = loggedIn("martin");
    HttpResponse<String> note =
        martin.postMultipart(
            HORIZON + "100011/note",
            HORIZON + "100011/note",
            Map.of("text", "Tableau électrique photographié."),
            List.of(new Upload("tableau.png", "image/png", png(Color.ORANGE))));
    assertThat(note.statusCode()).isEqualTo(302);
    String link = martin.page(HORIZON + "100011").select("a.attachment-link").attr("href");
    assertThat(link).contains("/attachments/");
    assertThat(martin.download(link).statusCode()).isEqualTo(200);
    assertThat(dupont.download(link).statusCode()).isEqualTo(404);
    String id = link.substring(link.lastIndexOf('/') + 1);
    assertThat(dupont.download(HORIZON + "100009/attachments/" + id).statusCode()).isEqualTo(404);
    assertThat(dupont.download(HORIZON + "100009/attachments/no-such-id").statusCode())
        .isEqualTo(404);
  }

  @Test
  void aClientSeesItsSubscribersOrdersOnly() {
    // Another client of plomberie-dupont, with a tracking number horizon also uses.
    SubscriberId other = otherSubscriber();
    kit.dispatch(dispatch(other, "100001", LocalDate.now(PARIS).plusDays(6).atTime(9, 0)));

    HttpVisitor horizon = loggedIn("horizon");
    List<String> listed = trackingNumbers(horizon, "/orders");
    assertThat(listed).hasSize(12).contains("100011"); // across providers
    assertThat(horizon.page("/orders").select("#orders a.order-link").eachAttr("href"))
        .allSatisfy(href -> assertThat(href).startsWith(HORIZON));
    assertThat(horizon.get("/orders/syndic-autre/100001").statusCode()).isEqualTo(404);
    assertThat(horizon.get("/orders?client=syndic-autre").body())
        .doesNotContain("Immeuble Voltaire");
    // Its own 100001 only, straight to its page.
    assertThat(horizon.get("/orders/search?tracking=100001").headers().firstValue("Location"))
        .hasValueSatisfying(l -> l.endsWith(HORIZON + "100001"));

    // The provider serves both: the number alone lists the two.
    HttpVisitor dupont = loggedIn("dupont");
    Document both = dupont.page("/orders/search?tracking=100001");
    assertThat(both.select("#orders tbody tr")).hasSize(2);
    assertThat(dupont.get("/orders/syndic-autre/100001").statusCode()).isEqualTo(200);
  }

  @Test
  void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
    HttpVisitor dupont = loggedIn("dupont");
    HttpResponse<String> forged = dupont.postWithoutToken(HORIZON + "100001/accept", Map.of());
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(status("100001")).isEqualTo(Status.OPEN);

    HttpResponse<String> accepted =
        dupont.post(HORIZON + "100001", HORIZON + "100001/accept", Map.of());
    assertThat(accepted.statusCode()).isEqualTo(302);
    assertThat(status("100001")).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(dupont.page(HORIZON + "100001").select("#flash").text()).isNotEmpty();
  }

  @Test
  void anOversizedUploadIsRefusedNextToTheFieldAndStoresNothing() {
    HttpVisitor dupont = loggedIn("dupont");
    String form = HORIZON + "100012/note";
    WorkOrder before = order("100012");
    int timeline = kit.timeline(before.key()).size();

    HttpResponse<String> tooLarge =
        dupont.postMultipart(
            form,
            form,
            Map.of("text", "Deux photos du compteur."),
            List.of(
                new Upload("compteur.png", "image/png", png(Color.BLUE)),
                new Upload("grande.png", "image/png", pngOf(300 * 1024))));
    assertThat(tooLarge.statusCode()).isEqualTo(400);
    Document page = org.jsoup.Jsoup.parse(tooLarge.body());
    assertThat(page.select("#note-files-error").text()).contains("grande.png").contains("200 Ko");
    assertThat(page.select("#note-text").text()).isEqualTo("Deux photos du compteur.");

    // A file whose bytes are not of its declared type is refused too.
    HttpResponse<String> fake =
        dupont.postMultipart(
            form,
            form,
            Map.of("text", "Une page déguisée."),
            List.of(new Upload("photo.png", "image/png", "<html>hi</html>".getBytes(UTF_8))));
    assertThat(fake.statusCode()).isEqualTo(400);
    assertThat(org.jsoup.Jsoup.parse(fake.body()).select("#note-files-error").text())
        .contains("photo.png");

    // Past the server's own limit the request is not read at all: a clear page, not a 500.
    HttpResponse<String> huge =
        dupont.postMultipart(
            form,
            form,
            Map.of("text", "Beaucoup trop."),
            List.of(new Upload("enorme.png", "image/png", pngOf(1536 * 1024))));
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(org.jsoup.Jsoup.parse(huge.body()).select("#upload-too-large")).hasSize(1);

    WorkOrder after = order("100012");
    assertThat(after.attachments()).isEqualTo(before.attachments());
    assertThat(after.notes()).isEqualTo(before.notes());
    assertThat(kit.timeline(after.key())).hasSize(timeline);
  }

  @Test
  void aNoteWithANewDateAndTwoPhotosEmailsTheContactAndTheFilesDownloadSafely() throws Exception {
    HttpVisitor dupont = loggedIn("dupont");
    String form = HORIZON + "100003/note";
    Document note = dupont.page(form);
    assertThat(note.select("label[for=note-files]").text()).isEqualTo("Sélectionner un fichier");
    assertThat(note.select("#note-contact option").eachAttr("value"))
        .containsExactly("claire.petit@horizon.example", "marc.leroy@horizon.example");

    String newDate =
        LocalDate.now(PARIS)
            .plusDays(4)
            .atTime(11, 30)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    byte[] pdf = "%PDF-1.4\n% rapport\n".getBytes(UTF_8);
    HttpResponse<String> saved =
        dupont.postMultipart(
            form,
            form,
            Map.of(
                "text", "Pièce commandée : passage reporté.",
                "expectedDate", newDate,
                "contact", "marc.leroy@horizon.example"),
            List.of(
                new Upload("évier avant.png", "image/png", png(Color.RED)),
                new Upload("rapport \"final\".pdf", "application/pdf", pdf)));
    assertThat(saved.statusCode()).isEqualTo(302);

    WorkOrder order = order("100003");
    assertThat(order.expectedDate().localDateTime().toString()).isEqualTo(newDate);
    assertThat(order.attachments()).hasSize(2);

    // The runner relays the date change's mail to Marc.
    List<MimeMessage> toMarc = mail.awaitMessages("marc.leroy@horizon.example", 1);
    assertThat(toMarc.get(0).getSubject()).contains("100003");

    Document page = dupont.page(HORIZON + "100003");
    assertThat(page.select("#order-expected-date").hasClass("late")).isFalse();
    List<Element> links = page.select("#attachments a.attachment-link");
    assertThat(links)
        .extracting(Element::text)
        .containsExactly("évier avant.png", "rapport _final_.pdf");
    HttpResponse<byte[]> download = dupont.download(links.get(1).attr("href"));
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo(pdf);
    assertThat(download.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(download.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(download.headers().firstValue("Content-Disposition"))
        .hasValue(
            "attachment; filename=\"rapport _final_.pdf\"; filename*=UTF-8''rapport%20_final_.pdf");
    assertThat(
            dupont.download(links.get(0).attr("href")).headers().firstValue("Content-Disposition"))
        .hasValue(
            "attachment; filename=\"_vier avant.png\"; filename*=UTF-8''%C3%A9vier%20avant.png");
  }

  @Test
  void aBadDateIsShownNextToItsFieldInThePagesLanguage() {
    HttpVisitor dupont = loggedIn("dupont").language("en-GB,en;q=0.8");
    String form = HORIZON + "100005/note";
    List<dev.dispatchkit.workorder.Note> notesBefore = order("100005").notes();
    HttpResponse<String> past =
        dupont.postMultipart(
            form,
            form,
            Map.of("text", "", "expectedDate", "2020-01-06T10:00", "contact", "x@y.example"),
            List.of());
    assertThat(past.statusCode()).isEqualTo(400);
    Document page = org.jsoup.Jsoup.parse(past.body());
    assertThat(page.select("#note-text-error").text())
        .isEqualTo("Write the note that explains the change.");
    assertThat(page.select("#note-expected-date-error").text())
        .isEqualTo("The new date must be in the future.");
    assertThat(order("100005").notes()).isEqualTo(notesBefore);
  }

  @Test
  void aDeclinedOrderIsReassignedByTheClientAndLeavesTheProvidersView() {
    HttpVisitor dupont = loggedIn("dupont");
    String page = HORIZON + "100002";
    assertThat(dupont.page(page).select("#cmd-decline")).hasSize(1);
    dupont.post(page, page + "/decline", Map.of("reason", "Pas de technicien disponible."));
    assertThat(status("100002")).isEqualTo(Status.DECLINED);

    HttpVisitor horizon = loggedIn("horizon");
    Document declined = horizon.page(page);
    assertThat(declined.select("#order-decline").text()).isEqualTo("Pas de technicien disponible.");
    assertThat(declined.select("#cmd-accept")).isEmpty(); // a provider's button
    assertThat(declined.select("#reassign-provider option").eachAttr("value"))
        .containsExactly("electricite-martin");
    horizon.post(page, page + "/reassign", Map.of("provider", "electricite-martin"));
    assertThat(order("100002").provider()).isEqualTo(ProviderId.of("electricite-martin"));

    assertThat(dupont.get(page).statusCode()).isEqualTo(404);
    assertThat(loggedIn("martin").page(page).select("#cmd-accept")).hasSize(1);
    // The client may not use a provider's command.
    assertThat(horizon.post(page, page + "/accept", Map.of()).statusCode()).isEqualTo(404);
  }

  @Test
  void theClientApprovesThePendingNteIncrease() {
    HttpVisitor horizon = loggedIn("horizon");
    String page = HORIZON + "100004";
    Document order = horizon.page(page);
    assertThat(order.select("#nte-pending").text()).contains("750,00");
    horizon.post(page, page + "/nte-decision", Map.of("decision", "approve", "comment", "Accord."));
    assertThat(order("100004").nte()).isEqualTo(Nte.of("750.00", "EUR"));
    assertThat(horizon.page(page).select("#order-nte").text()).contains("750,00");
  }

  @Test
  void theClientDecidesAnUnclearReplyFromItsReviewQueue() {
    HttpVisitor horizon = loggedIn("horizon");
    Document queue = horizon.page("/client/review");
    Element item = queue.selectFirst(".review-item[data-tracking=100006]");
    assertThat(item).isNotNull();
    assertThat(item.select(".review-text").text()).contains("voir avec mon technicien");
    assertThat(item.select(".review-from").text())
        .isEqualTo("interventions@plomberie-dupont.example");

    String id = item.select("input[name=item]").val();
    horizon.post("/client/review", "/client/review", Map.of("item", id, "decision", "ACCEPT"));
    assertThat(status("100006")).isEqualTo(Status.DISPATCH_CONFIRMED);
    assertThat(horizon.page("/client/review").select(".review-item[data-tracking=100006]"))
        .isEmpty();
    // Gone from the queue: deciding it again answers 404.
    assertThat(
            horizon
                .post("/client/review", "/client/review", Map.of("item", id, "decision", "IGNORE"))
                .statusCode())
        .isEqualTo(404);
    // Providers have no review queue, nor may they decide an item.
    assertThat(loggedIn("dupont").get("/client/review").statusCode()).isEqualTo(404);
  }

  @Test
  void theListFiltersPagesAndShowsBadges() {
    // The client's twelve orders, ten to a page, counted up to the cap of 11 only: the total says
    // "11+", and the next page is still offered, and is the last.
    HttpVisitor horizon = loggedIn("horizon");
    Document first = horizon.page("/orders");
    assertThat(first.select("#orders tbody tr")).hasSize(10);
    assertThat(first.select("#orders-count").text()).isEqualTo("11+ ordres de travail");
    assertThat(first.select("#page-prev")).isEmpty();
    Document second = horizon.page(first.select("#page-next").attr("href"));
    assertThat(second.select("#orders tbody tr")).hasSize(2);
    assertThat(second.select("#page-prev")).hasSize(1);
    assertThat(second.select("#page-next")).isEmpty();

    HttpVisitor dupont = loggedIn("dupont");
    assertThat(trackingNumbers(dupont, "/orders?status=OPEN%2FDECLINED"))
        .contains("100005")
        .allSatisfy(t -> assertThat(status(t)).isEqualTo(Status.DECLINED));
    assertThat(trackingNumbers(dupont, "/orders?priority=URGENT&status=IN_PROGRESS"))
        .contains("100007")
        .allSatisfy(
            t -> {
              assertThat(order(t).priority()).isEqualTo(Priority.URGENT);
              assertThat(status(t).primary()).isEqualTo(PrimaryStatus.IN_PROGRESS);
            });
    assertThat(trackingNumbers(dupont, "/orders?status=COMPLETED"))
        .containsExactlyInAnyOrder("100008", "100009");
    // Under the cap the total is exact.
    assertThat(dupont.page("/orders?status=COMPLETED").select("#orders-count").text())
        .isEqualTo("2 ordres de travail");

    Document parc = dupont.page("/orders?site=R%C3%A9sidence+Le+Parc&status=OPEN");
    assertThat(parc.select("#orders tr[data-tracking]").eachAttr("data-tracking"))
        .allSatisfy(t -> assertThat(order(t).site().name()).isEqualTo("Résidence Le Parc"));
    Element overdue = parc.selectFirst("#orders tr[data-tracking=100012]");
    assertThat(overdue).isNotNull();
    assertThat(overdue.select("span.badge-overdue")).hasSize(1);
    assertThat(
            dupont
                .page("/orders?status=OPEN%2FDECLINED")
                .select("tr[data-tracking=100005] span.badge-reassignable"))
        .hasSize(1);
    // On site, so never late.
    assertThat(
            dupont
                .page("/orders?status=IN_PROGRESS")
                .select("tr[data-tracking=100007] td.expected-date")
                .hasClass("late"))
        .isFalse();
  }

  @Test
  void aLateExpectedDateIsRedInTheListAndOnTheOrder() {
    SubscriberId other = otherSubscriber();
    WorkOrder late =
        kit.dispatch(dispatch(other, "200001", LocalDate.now(PARIS).minusDays(1).atTime(9, 0)));
    kit.accept(late.key());
    WorkOrder onTime =
        kit.accept(
            kit.dispatch(dispatch(other, "200002", LocalDate.now(PARIS).plusDays(2).atTime(9, 0)))
                .key());

    HttpVisitor dupont = loggedIn("dupont");
    Document list = dupont.page("/orders?client=syndic-autre&status=IN_PROGRESS");
    assertThat(list.select("tr[data-tracking=200001] td.expected-date").hasClass("late")).isTrue();
    assertThat(list.select("tr[data-tracking=200002] td.expected-date").hasClass("late")).isFalse();
    Document page = dupont.page("/orders/syndic-autre/200001");
    assertThat(page.select("#order-expected-date").hasClass("late")).isTrue();
    assertThat(page.select(".badge-late")).hasSize(1);
    assertThat(dupont.page("/orders/syndic-autre/" + onTime.trackingNumber()).select(".badge-late"))
        .isEmpty();
  }

  @Test
  void thePagesAreInFrenchOrEnglishByTheBrowsersLanguageOrTheChoiceInTheSession() {
    assertThat(new HttpVisitor(port).language("en-US,en;q=0.9").page("/login").select("h1").text())
        .isEqualTo("Log in");
    assertThat(new HttpVisitor(port).language("fr-FR").page("/login").select("h1").text())
        .isEqualTo("Connexion");
    assertThat(new HttpVisitor(port).language("de-DE").page("/login").select("html").attr("lang"))
        .isEqualTo("fr");

    HttpVisitor switcher = new HttpVisitor(port).language("fr");
    assertThat(switcher.page("/login?lang=en").select("h1").text()).isEqualTo("Log in");
    assertThat(switcher.page("/login").select("h1").text()).isEqualTo("Log in");
    HttpVisitor provider = loggedIn("dupont").language("en");
    assertThat(provider.page("/orders").select("#search-submit").text()).isEqualTo("Search");
  }

  @Test
  void theMailboxShowsTheMailTheDemoSent() {
    Document mailbox = loggedIn("horizon").page("/mailbox");
    assertThat(mailbox.select(".mail-item").size()).isGreaterThanOrEqualTo(12);
    assertThat(mailbox.select(".mail-to").eachText())
        .contains("interventions@plomberie-dupont.example");
    assertThat(mailbox.select(".mail-subject").eachText())
        .anySatisfy(s -> assertThat(s).contains("100001"));
  }

  /** Another client of plomberie-dupont, for what horizon must not see. */
  private static SubscriberId otherSubscriber() {
    SubscriberId other = SubscriberId.of("syndic-autre");
    kit.savePreference(
        new DispatchPreference(
            other,
            ProviderId.of("plomberie-dupont"),
            "interventions@plomberie-dupont.example",
            List.of(),
            Locale.FRENCH,
            "gestion@syndic-autre.example",
            false));
    return other;
  }

  private static WorkOrderCommand.Dispatch dispatch(
      SubscriberId subscriber, String tracking, java.time.LocalDateTime expected) {
    return new WorkOrderCommand.Dispatch(
        TrackingNumber.of(tracking),
        subscriber,
        ProviderId.of("plomberie-dupont"),
        new Site("Immeuble Voltaire", "3 rue Voltaire, 75011 Paris", "+33 1 43 00 00 00", PARIS),
        new Problem("PLOMBERIE", "Fuite en toiture", ""),
        Priority.NON_URGENT,
        Nte.of("300.00", "EUR"),
        ExpectedDate.of(expected, PARIS),
        List.of(new ContactPerson("Paul Durand", "paul.durand@syndic-autre.example")));
  }

  private static List<String> trackingNumbers(HttpVisitor browser, String path) {
    List<String> numbers = new ArrayList<>();
    String next = path;
    while (next != null) {
      Document page = browser.page(next);
      numbers.addAll(page.select("#orders tr[data-tracking]").eachAttr("data-tracking"));
      Element link = page.selectFirst("#page-next");
      next = link == null ? null : link.attr("href");
    }
    return numbers;
  }

  private static WorkOrder order(String tracking) {
    return kit.find(SubscriberId.of("residences-horizon"), TrackingNumber.of(tracking))
        .orElseThrow();
  }

  private static Status status(String tracking) {
    return order(tracking).status();
  }

  private static byte[] png(Color color) {
    BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(color);
      g.fillRect(0, 0, 40, 30);
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A PNG signature followed by noise, {@code size} bytes in all. */
  private static byte[] pngOf(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    System.arraycopy(signature, 0, bytes, 0, signature.length);
    return Arrays.copyOf(bytes, size);
  }
}
