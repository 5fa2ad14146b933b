package dev.dispatchkit.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;
import org.openqa.selenium.support.ui.Select;

/**
 * The seed's flows in a real browser (headless Chromium), clicking and typing as a person would:
 * the provider finds, filters, accepts, declines and adds a note with photos; the client reassigns,
 * approves an NTE increase and decides a reply of the review queue; another provider's order
 * answers 404; an oversized upload is refused; the note form works by keyboard alone, the list at a
 * phone's width, and the pages in English. Each page visited is saved under {@code
 * target/screenshots/} and checked for labelled fields.
 *
 * <p>The tests share one portal and one browser and run in order: each starts where the previous
 * one left the seed. Without Chromium the class is skipped, or fails when the {@code CI} variable
 * is set (see {@link BrowserBinaries}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest {

  private static final String PASSWORD = "demo";
  private static final String CONTACT = "Claire Petit";
  private static final String CONTACT_ADDRESS = "claire.petit@horizon.example";
  private static final ZoneId SITE_ZONE = ZoneId.of("Europe/Paris");
  private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

  private static BrowserBinaries binaries;
  private static RunningPortal portal;
  private static Browser browser;

  // Carried from one flow to the next, as the seed's state is.
  private static final List<String> photoLinks = new ArrayList<>();
  private static String frenchFilesError = "";

  @BeforeAll
  static void start() {
    // First, so that a machine without Chromium does not start the portal for nothing.
    binaries = BrowserBinaries.require();
    Browser.clearScreenshots();
    portal = RunningPortal.start();
    browser = Browser.open(binaries, "fr");
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (portal != null) {
      portal.close();
    }
  }

  @Test
  @Order(1)
  void aBadPasswordIsRefusedOnTheLoginPage() {
    openSite();
    visited("login");
    login("dupont", "not-the-password");
    assertThat(browser.byId("login-error").getText()).isNotBlank();
    assertThat(browser.present(By.id("nav-orders"))).as("logged in with a bad password").isFalse();
    visited("login-bad-password");
  }

  @Test
  @Order(2)
  void theProviderLogsInAndSeesOnlyItsCompanysOrders() {
    login("dupont", PASSWORD);
    browser.byId("orders");
    visited("orders-dupont");
    List<String> firstPage = trackingNumbers();
    assertThat(firstPage).isNotEmpty().doesNotContain("100011");

    // The session cookie cannot be read by scripts and is not sent on cross-site posts.
    assertThat(browser.cookie("JSESSIONID").isHttpOnly()).isTrue();
    assertThat(browser.cookie("JSESSIONID").getSameSite()).isEqualToIgnoringCase("Lax");

    // Dupont has eleven orders: the rest are on the next page.
    browser.clickAndLoad(browser.byId("page-next"));
    visited("orders-dupont-page-2");
    List<String> secondPage = trackingNumbers();
    assertThat(secondPage)
        .isNotEmpty()
        .doesNotContain("100011")
        .doesNotContainAnyElementsOf(firstPage);
    List<String> all = new ArrayList<>(firstPage);
    all.addAll(secondPage);
    assertThat(all)
        .containsExactlyInAnyOrder(
            "100001", "100002", "100003", "100004", "100005", "100006", "100007", "100008",
            "100009", "100010", "100012");
    browser.clickAndLoad(browser.byId("page-prev"));
    assertThat(trackingNumbers()).isEqualTo(firstPage);
  }

  @Test
  @Order(3)
  void rechercherFindsAnOrderByItsTrackingNumber() {
    search("100003");
    visited("order-100003");
    assertThat(browser.byId("order-tracking").getText()).contains("100003");
    for (String field :
        List.of(
            "order-status",
            "order-priority",
            "order-site",
            "order-site-phone",
            "order-description",
            "order-nte",
            "order-expected-date")) {
      assertThat(browser.byId(field).getText()).as(field).isNotBlank();
    }
  }

  @Test
  @Order(4)
  void theListFiltersByStatusAndByPriority() {
    ordersList();
    new Select(browser.byId("filter-status")).selectByValue("IN_PROGRESS");
    browser.clickAndLoad(browser.byId("filter-apply"));
    visited("orders-filter-in-progress");
    // 100008 is completed, waiting for the client's confirmation: no longer in progress.
    assertThat(trackingNumbers()).containsExactlyInAnyOrder("100003", "100004", "100007");
    assertThat(
            new Select(browser.byId("filter-status"))
                .getFirstSelectedOption()
                .getAttribute("value"))
        .as("the filter stays chosen")
        .isEqualTo("IN_PROGRESS");

    new Select(browser.byId("filter-status")).selectByValue("");
    new Select(browser.byId("filter-priority")).selectByValue("URGENT");
    browser.clickAndLoad(browser.byId("filter-apply"));
    visited("orders-filter-urgent");
    assertThat(trackingNumbers()).containsExactlyInAnyOrder("100001", "100007");

    // Both at once: the urgent orders in progress.
    new Select(browser.byId("filter-status")).selectByValue("IN_PROGRESS");
    browser.clickAndLoad(browser.byId("filter-apply"));
    visited("orders-filter-urgent-in-progress");
    assertThat(trackingNumbers()).containsExactly("100007");
  }

  @Test
  @Order(5)
  void aLateExpectedDateIsShownInRedWithTheBadges() {
    ordersList();
    WebElement late = row("100003").findElement(By.cssSelector("td.expected-date"));
    assertThat(late.getAttribute("class")).contains("late");
    assertRed(late.getCssValue("color"), "the list's expected date of 100003");
    WebElement onTime = row("100001").findElement(By.cssSelector("td.expected-date"));
    assertThat(onTime.getAttribute("class")).doesNotContain("late");
    assertThat(row("100005").findElements(By.cssSelector("span.badge-reassignable"))).hasSize(1);
    assertThat(row("100012").findElements(By.cssSelector("span.badge-overdue"))).hasSize(1);
    assertThat(row("100001").findElements(By.cssSelector("span.badge-overdue"))).isEmpty();

    browser.clickAndLoad(row("100003").findElement(By.cssSelector("a.order-link")));
    WebElement date = browser.byId("order-expected-date");
    assertThat(date.getAttribute("class")).contains("late");
    assertRed(date.getCssValue("color"), "the order page's expected date of 100003");
    visited("order-100003-late");
  }

  @Test
  @Order(6)
  void theProviderAcceptsAnOrder() {
    ordersList();
    browser.clickAndLoad(row("100001").findElement(By.cssSelector("a.order-link")));
    visited("order-100001");
    assertThat(status()).isEqualTo("OPEN");
    String before = browser.byId("order-status").getText();
    int events = timeline().size();
    browser.clickAndLoad(browser.byId("cmd-accept"));
    assertThat(browser.byId("flash").getText()).isNotBlank();
    visited("order-100001-accepted");
    assertThat(status()).isEqualTo("IN_PROGRESS/DISPATCH_CONFIRMED");
    assertThat(browser.byId("order-status").getText()).isNotEqualTo(before);
    assertThat(browser.present(By.id("cmd-accept"))).as("accept offered again").isFalse();
    assertThat(timeline()).hasSizeGreaterThan(events);
  }

  @Test
  @Order(7)
  void aNoteWithANewDateAContactAndTwoPhotosMailsTheContactAndLinksThePhotos() throws Exception {
    Path before = TestImages.photo("fuite-avant.png", new Color(0x1f, 0x6f, 0xb5));
    Path after = TestImages.photo("fuite-apres.png", new Color(0x2e, 0x8b, 0x57));
    int mailBefore = portal.mail().messages(CONTACT_ADDRESS).size();
    search("100003");
    String oldDate = browser.byId("order-expected-date").getText();
    browser.clickAndLoad(browser.byId("add-note"));
    visited("note-form-100003");

    String note = "Pièce commandée, intervention décalée.";
    browser.byId("note-text").sendKeys(note);
    LocalDateTime newDate =
        LocalDateTime.of(LocalDate.now(SITE_ZONE).plusDays(10), LocalTime.of(10, 30));
    typeDateTime(browser.byId("note-expected-date"), newDate);
    Select contact = new Select(browser.byId("note-contact"));
    WebElement claire =
        contact.getOptions().stream()
            .filter(o -> o.getText().contains(CONTACT))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no contact " + CONTACT + " to choose"));
    contact.selectByVisibleText(claire.getText());
    // A person picks two files in the dialog; the browser receives their paths.
    browser.driver().findElement(By.id("note-files")).sendKeys(before + "\n" + after);
    visited("note-form-100003-filled");
    browser.clickAndLoad(browser.byId("note-submit"));

    assertThat(browser.byId("flash").getText()).isNotBlank();
    visited("order-100003-noted");
    // Shown as the portal writes dates: the site's time, in French.
    assertThat(browser.byId("order-expected-date").getText())
        .isNotEqualTo(oldDate)
        .isEqualTo(
            DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(Locale.FRENCH)
                .format(newDate.atZone(SITE_ZONE)));
    assertThat(browser.byId("order-expected-date").getAttribute("class"))
        .as("no longer late")
        .doesNotContain("late");
    assertThat(browser.byId("timeline").getText()).contains(note);

    // The contact is told the new date by email.
    List<MimeMessage> mail =
        new FluentWait<>(portal)
            .withTimeout(MAIL_WAIT)
            .pollingEvery(Duration.ofMillis(100))
            .withMessage("the mail to " + CONTACT_ADDRESS)
            .until(
                p -> {
                  List<MimeMessage> all = p.mail().messages(CONTACT_ADDRESS);
                  return all.size() > mailBefore ? all : null;
                });
    MimeMessage told = mail.get(mail.size() - 1);
    String text = told.getSubject() + "\n" + text(told);
    assertThat(text)
        .contains("100003")
        .contains(newDate.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.FRENCH)))
        .contains("10:30");

    // The two photos are linked on the order and download as attachments of the right type.
    List<WebElement> links = browser.all(By.cssSelector("#attachments a.attachment-link"));
    assertThat(links).hasSize(2);
    browser.scrollTo(browser.byId("attachments"));
    visited("order-100003-attachments");
    assertThat(links.stream().map(WebElement::getText).collect(Collectors.joining(" ")))
        .contains("fuite-avant.png")
        .contains("fuite-apres.png");
    for (WebElement link : links) {
      String href = link.getDomProperty("href");
      photoLinks.add(href);
      Path file = link.getText().contains("avant") ? before : after;
      Download download = Download.fetch(href, browser.cookie("JSESSIONID"));
      assertThat(download.status()).as(href).isEqualTo(200);
      assertThat(download.contentType()).startsWith("image/png");
      assertThat(download.disposition())
          .startsWith("attachment")
          .contains(file.getFileName().toString());
      assertThat(download.body()).isEqualTo(Files.readAllBytes(file));
    }

    // The demo's mailbox page shows the same mail.
    browser.clickAndLoad(browser.byId("nav-mailbox"));
    visited("mailbox");
    assertThat(
            browser.all(By.cssSelector(".mail-item .mail-to")).stream()
                .map(WebElement::getText)
                .collect(Collectors.joining(" ")))
        .contains(CONTACT_ADDRESS);
  }

  @Test
  @Order(8)
  void theProviderDeclinesAnOrderWithAReason() {
    search("100002");
    visited("order-100002");
    assertThat(status()).isEqualTo("OPEN");
    String reason = "Pas de technicien disponible cette semaine.";
    browser.byId("decline-reason").sendKeys(reason);
    browser.clickAndLoad(browser.byId("cmd-decline"));
    assertThat(browser.byId("flash").getText()).isNotBlank();
    visited("order-100002-declined");
    assertThat(status()).isEqualTo("OPEN/DECLINED");
    assertThat(browser.byId("order-decline").getText()).contains(reason);
  }

  @Test
  @Order(9)
  void theClientReassignsTheDeclinedOrder() {
    logout();
    login("horizon", PASSWORD);
    browser.byId("orders");
    visited("orders-horizon");
    assertThat(trackingNumbers()).isNotEmpty();
    search("100002");
    visited("client-order-100002");
    assertThat(status()).isEqualTo("OPEN/DECLINED");
    Select provider = new Select(browser.byId("reassign-provider"));
    WebElement martin =
        provider.getOptions().stream()
            .filter(o -> o.getText().contains("Électricité Martin"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("Électricité Martin is not offered"));
    provider.selectByVisibleText(martin.getText());
    browser.clickAndLoad(browser.byId("cmd-reassign"));
    assertThat(browser.byId("flash").getText()).isNotBlank();
    visited("client-order-100002-reassigned");
    assertThat(browser.byId("order-provider").getText()).isEqualTo("Électricité Martin");
    assertThat(status()).as("dispatched anew").isEqualTo("OPEN");
  }

  @Test
  @Order(10)
  void theClientApprovesAnNteIncrease() {
    search("100004");
    visited("client-order-100004");
    String nte = browser.byId("order-nte").getText();
    assertThat(browser.byId("nte-pending").getText()).contains("750");
    browser.byId("nte-comment").sendKeys("D'accord pour le remplacement du ballon.");
    browser.clickAndLoad(browser.byId("cmd-nte-approve"));
    assertThat(browser.byId("flash").getText()).isNotBlank();
    visited("client-order-100004-nte-approved");
    assertThat(browser.byId("order-nte").getText()).isNotEqualTo(nte).contains("750,00");
    assertThat(browser.present(By.id("cmd-nte-approve"))).isFalse();
    assertThat(browser.present(By.id("nte-pending"))).isFalse();
  }

  @Test
  @Order(11)
  void theClientReviewQueueShowsTheUnclearReplyTextAndTheClientDecides() {
    browser.clickAndLoad(browser.byId("nav-review"));
    visited("client-review-queue");
    By unclear = By.cssSelector(".review-item[data-tracking='100006']");
    WebElement item = browser.visible(unclear);
    // The reply as Dupont wrote it in the seed.
    assertThat(item.findElement(By.cssSelector(".review-text")).getText())
        .contains("je dois d'abord voir avec mon technicien");
    assertThat(item.findElement(By.cssSelector(".review-from")).getText())
        .contains("plomberie-dupont.example");
    assertThat(item.findElements(By.cssSelector(".review-decline"))).hasSize(1);
    assertThat(item.findElements(By.cssSelector(".review-ignore"))).hasSize(1);

    // Read as a decline: the order goes back to the client, to reassign.
    item.findElement(By.tagName("textarea")).sendKeys("Lu comme un refus : pas de date proposée.");
    browser.clickAndLoad(item.findElement(By.cssSelector(".review-decline")));
    assertThat(browser.byId("flash").getText()).isNotBlank();
    visited("client-review-queue-decided");
    assertThat(browser.present(unclear)).as("the decided reply left the queue").isFalse();
    search("100006");
    visited("client-order-100006");
    assertThat(status()).isEqualTo("OPEN/DECLINED");
  }

  @Test
  @Order(12)
  void anotherProvidersOrderAnswers404() {
    logout();
    login("martin", PASSWORD);
    browser.byId("orders");
    visited("orders-martin");
    assertThat(trackingNumbers()).contains("100011", "100002").doesNotContain("100003");
    search("100011");
    visited("order-100011-martin");
    String url = browser.driver().getCurrentUrl();
    // Martin cannot fetch Dupont's photos either.
    for (String link : photoLinks) {
      assertThat(Download.fetch(link, browser.cookie("JSESSIONID")).status())
          .as(link)
          .isEqualTo(404);
    }

    logout();
    login("dupont", PASSWORD);
    browser.byId("orders");
    // The one address typed by hand: the URL Martin copied.
    browser.driver().get(url);
    browser.waitLoaded();
    visited("order-100011-dupont-404");
    assertThat(browser.present(By.id("order-tracking"))).isFalse();
    assertThat(browser.visible(By.tagName("body")).getText()).doesNotContain("100011");
    assertThat(Download.fetch(url, browser.cookie("JSESSIONID")).status()).isEqualTo(404);
  }

  @Test
  @Order(13)
  void anOversizedUploadIsRefusedNextToTheFieldAndNothingIsStored() {
    Path big = TestImages.noise("trop-lourde.png", 400);
    assertThat(big.toFile().length()).isGreaterThan(RunningPortal.MAX_FILE_KB * 1024L);
    search("100007");
    int attachments = browser.all(By.cssSelector("#attachments a.attachment-link")).size();
    browser.clickAndLoad(browser.byId("add-note"));
    String note = "Photo trop lourde pour le portail.";
    browser.byId("note-text").sendKeys(note);
    browser.driver().findElement(By.id("note-files")).sendKeys(big.toString());
    browser.clickAndLoad(browser.byId("note-submit"));
    frenchFilesError = browser.byId("note-files-error").getText();
    assertThat(frenchFilesError).isNotBlank();
    browser.scrollTo(browser.byId("note-files-error"));
    assertThat(browser.byId("note-text").getDomProperty("value"))
        .as("the note typed is kept for another try")
        .isEqualTo(note);
    visited("note-form-100007-oversized");

    search("100007");
    assertThat(browser.all(By.cssSelector("#attachments a.attachment-link"))).hasSize(attachments);
    assertThat(browser.byId("timeline").getText()).doesNotContain(note);
  }

  @Test
  @Order(14)
  void theNoteFormWorksByKeyboardAlone() {
    search("100007");
    tabTo("add-note");
    pressAndLoad(Keys.ENTER);
    browser.byId("note-text");
    tabTo("note-text");
    String note = "Saisie au clavier seulement.";
    new Actions(browser.driver()).sendKeys(note).perform();
    tabTo("note-submit");
    pressAndLoad(Keys.ENTER);
    assertThat(browser.byId("flash").getText()).isNotBlank();
    visited("order-100007-keyboard-note");
    assertThat(browser.byId("timeline").getText()).contains(note);
  }

  @Test
  @Order(15)
  void theListReadsOnAPhoneWidthWindow() {
    try {
      browser.resize(390, 844);
      ordersList();
      visited("orders-390px");
      long scrollWidth =
          ((Number) browser.script("return document.documentElement.scrollWidth")).longValue();
      assertThat(scrollWidth)
          .as("page width at 390 px (no horizontal scroll)")
          .isLessThanOrEqualTo(394);
      assertThat(
              String.valueOf(
                  browser.script(
                      "const m = document.querySelector('meta[name=viewport]');"
                          + " return m ? m.content : ''")))
          .as("a phone lays the page out at its own width")
          .contains("width=device-width");
    } finally {
      browser.resize(Browser.WIDTH, Browser.HEIGHT);
    }
  }

  @Test
  @Order(16)
  void theEnLinkSwitchesTheSessionToEnglishAndFrSwitchesBack() {
    ordersList();
    assertThat(browser.byId("nav-orders").getText()).isEqualTo("Ordres de travail");
    browser.clickAndLoad(browser.visible(By.cssSelector("a[href='?lang=en']")));
    assertThat(browser.byId("nav-orders").getText()).isEqualTo("Work orders");
    // Remembered in the session: the next page is English too, whatever the browser asks.
    search("100003");
    assertThat(browser.byId("add-note").getText()).isEqualTo("Add a note");
    browser.shot("order-100003-english");
    Accessibility.assertBasics(browser, "order-100003-english", "en");
    browser.clickAndLoad(browser.visible(By.cssSelector("a[href='?lang=fr']")));
    assertThat(browser.byId("add-note").getText()).isEqualTo("Ajouter une note");
  }

  @Test
  @Order(17)
  void anEnglishBrowserGetsTheEnglishPortal() {
    try (Browser english = Browser.open(binaries, "en")) {
      english.driver().get(portal.baseUrl());
      english.waitLoaded();
      english.byId("username").sendKeys("dupont");
      english.byId("password").sendKeys(PASSWORD);
      english.clickAndLoad(english.byId("login-submit"));
      assertThat(english.byId("nav-orders").getText()).isEqualTo("Work orders");
      assertThat(english.byId("search-submit").getText()).isEqualTo("Search");
      Accessibility.assertBasics(english, "the English list", "en");
      english.shot("orders-english");

      english.byId("search-tracking").sendKeys("100007");
      english.clickAndLoad(english.byId("search-submit"));
      assertThat(english.byId("add-note").getText()).isEqualTo("Add a note");
      english.clickAndLoad(english.byId("add-note"));
      english.byId("note-text").sendKeys("Photo too large.");
      english
          .driver()
          .findElement(By.id("note-files"))
          .sendKeys(TestImages.noise("too-large.png", 400).toString());
      english.clickAndLoad(english.byId("note-submit"));
      // The same error as in French, next to the field, in English.
      String error = english.byId("note-files-error").getText();
      assertThat(error).isNotBlank().isNotEqualTo(frenchFilesError);
      english.scrollTo(english.byId("note-files-error"));
      Accessibility.assertBasics(english, "the English note form", "en");
      english.shot("note-form-english-error");
    }
  }

  // --- what a person does, step by step ---

  private static void openSite() {
    browser.driver().get(portal.baseUrl());
    browser.waitLoaded();
    browser.byId("username");
  }

  private static void login(String user, String password) {
    WebElement name = browser.byId("username");
    name.clear();
    name.sendKeys(user);
    browser.byId("password").sendKeys(password);
    browser.clickAndLoad(browser.byId("login-submit"));
  }

  private static void logout() {
    browser.clickAndLoad(browser.byId("logout"));
    browser.byId("username");
  }

  private static void ordersList() {
    browser.clickAndLoad(browser.byId("nav-orders"));
    browser.byId("orders");
  }

  /** Types a tracking number in the search box and clicks "Rechercher". */
  private static void search(String tracking) {
    if (!browser.present(By.id("search-tracking"))) {
      ordersList();
    }
    WebElement box = browser.byId("search-tracking");
    box.clear();
    box.sendKeys(tracking);
    browser.clickAndLoad(browser.byId("search-submit"));
    browser.await().until(ExpectedConditions.textToBe(By.id("order-tracking"), tracking));
  }

  /** The order page's status, as the portal names it (such as {@code OPEN/DECLINED}). */
  private static String status() {
    return browser.byId("order-status").getAttribute("data-status");
  }

  private static List<String> trackingNumbers() {
    return browser.all(By.cssSelector("#orders tr[data-tracking]")).stream()
        .map(tr -> tr.getAttribute("data-tracking"))
        .toList();
  }

  private static WebElement row(String tracking) {
    return browser.visible(By.cssSelector("#orders tr[data-tracking='" + tracking + "']"));
  }

  private static List<WebElement> timeline() {
    return browser.all(By.cssSelector("#timeline li"));
  }

  /** Presses Tab until the element with this id has the focus (at most 60 times). */
  private static void tabTo(String id) {
    for (int i = 0; i < 60; i++) {
      new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
      if (id.equals(browser.script("return document.activeElement && document.activeElement.id"))) {
        return;
      }
    }
    throw new AssertionError("Tab never reached #" + id);
  }

  private static void pressAndLoad(CharSequence key) {
    WebElement html = browser.driver().findElement(By.tagName("html"));
    new Actions(browser.driver()).sendKeys(key).perform();
    browser.await().until(d -> Browser.replaced(html));
    browser.waitLoaded();
  }

  /**
   * Types a date and time into a {@code datetime-local} field as its segments read in this browser:
   * Chromium lays them out by its own locale (month first with AM/PM on a machine without locales,
   * day first elsewhere), so the suite tries the one, and if the field did not take it, clears it
   * and types the other.
   */
  private static void typeDateTime(WebElement field, LocalDateTime when) {
    String expected = when.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    field.sendKeys(
        when.format(DateTimeFormatter.ofPattern("MMddyyyy")),
        Keys.ARROW_RIGHT,
        when.format(DateTimeFormatter.ofPattern("hhmm")),
        when.getHour() < 12 ? "AM" : "PM");
    if (!expected.equals(field.getDomProperty("value"))) {
      browser.script("arguments[0].value = ''", field);
      field.sendKeys(
          when.format(DateTimeFormatter.ofPattern("ddMMyyyy")),
          Keys.ARROW_RIGHT,
          when.format(DateTimeFormatter.ofPattern("HHmm")));
    }
    assertThat(field.getDomProperty("value")).as("the date typed").isEqualTo(expected);
  }

  /** Saves the page and checks its accessibility basics. */
  private static void visited(String step) {
    browser.shot(step);
    Accessibility.assertBasics(browser, step, "fr");
  }

  private static final Pattern RGB = Pattern.compile("rgba?\\((\\d+),\\s*(\\d+),\\s*(\\d+)");

  /** Red enough to read as red: a strong red channel well above green and blue. */
  private static void assertRed(String cssColor, String what) {
    Matcher m = RGB.matcher(cssColor);
    assertThat(m.find()).as(what + " color " + cssColor).isTrue();
    int r = Integer.parseInt(m.group(1));
    int g = Integer.parseInt(m.group(2));
    int b = Integer.parseInt(m.group(3));
    assertThat(r >= 140 && r - Math.max(g, b) >= 80).as(what + " is red: " + cssColor).isTrue();
  }

  private static String text(Part part) throws MessagingException, IOException {
    if (part.isMimeType("text/*")) {
      return String.valueOf(part.getContent());
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart body = multipart.getBodyPart(i);
        all.append(text(body)).append('\n');
      }
      return all.toString();
    }
    return "";
  }
}
