package dev.dispatchkit.portal.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Chromium, as a person's browser in a given language, with the helpers the flows
 * share: explicit waits, a screenshot of each page, and the session cookie for plain HTTP checks.
 */
final class Browser implements AutoCloseable {

  static final int WIDTH = 1280;
  static final int HEIGHT = 900;
  // Generous: a loaded CI machine is slow, and a wait that passes costs nothing more.
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final AtomicInteger SHOTS = new AtomicInteger();

  private final ChromeDriver driver;
  private final WebDriverWait wait;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, WAIT);
  }

  /**
   * Starts Chromium with {@code language} as its interface and Accept-Language, a fresh profile
   * under {@code target/}, and no network access of its own (no updates, sync or QUIC).
   */
  static Browser open(BrowserBinaries binaries, String language) {
    Path profile;
    try {
      Files.createDirectories(Path.of("target"));
      profile = Files.createTempDirectory(Path.of("target"), "chromium-profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binaries.chromium().toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=" + WIDTH + "," + HEIGHT,
        "--lang=" + language);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(binaries.chromedriver().toFile())
            .usingAnyFreePort()
            .withLogFile(profile.resolve("chromedriver.log").toFile())
            .build();
    return new Browser(new ChromeDriver(service, options));
  }

  WebDriver driver() {
    return driver;
  }

  /** The element with this id, once it is visible. */
  WebElement byId(String id) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
  }

  /** The element, once it is visible. */
  WebElement visible(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Whether an element is on the page now (no wait: call after the page is known loaded). */
  boolean present(By by) {
    return !driver.findElements(by).isEmpty();
  }

  List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /** Clicks and waits until the page it leads to has replaced this one and finished loading. */
  void clickAndLoad(WebElement element) {
    WebElement html = driver.findElement(By.tagName("html"));
    element.click();
    wait.until(d -> replaced(html));
    waitLoaded();
  }

  /**
   * Whether the page this element belonged to is gone. Selenium's {@code stalenessOf} expects a
   * stale-element error; Chromium sometimes answers a node of a page being replaced with an
   * inspector error instead ("does not belong to the document"), which means the same.
   */
  static boolean replaced(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException e) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  void waitLoaded() {
    wait.until(
        d ->
            "complete"
                .equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  WebDriverWait await() {
    return wait;
  }

  /** Runs a script in the page and returns its result. */
  Object script(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** The session cookie, with its flags as the browser stored them. */
  Cookie cookie(String name) {
    Cookie cookie = driver.manage().getCookieNamed(name);
    if (cookie == null) {
      throw new AssertionError("no cookie " + name + " in " + driver.manage().getCookies());
    }
    return cookie;
  }

  void resize(int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    wait.until(
        d -> ((Number) driver.executeScript("return window.innerWidth")).intValue() == width);
  }

  /** Empties {@code target/screenshots/}, so that it holds this run's pages only. */
  static void clearScreenshots() {
    try {
      if (Files.isDirectory(SCREENSHOTS)) {
        try (var files = Files.list(SCREENSHOTS)) {
          for (Path file : files.toList()) {
            Files.delete(file);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Scrolls the element to the middle of the window, as a person would to read it. */
  void scrollTo(WebElement element) {
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  }

  /** Saves what the window shows as {@code target/screenshots/NN-step.png}; returns the file. */
  Path shot(String step) {
    String name = String.format(Locale.ROOT, "%02d-%s.png", SHOTS.incrementAndGet(), step);
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name);
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          target,
          StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
