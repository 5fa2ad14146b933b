package dev.dispatchkit.portal.browser;

import dev.dispatchkit.devserver.DevMailServer;
import dev.dispatchkit.portal.PortalApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The portal as {@code java -jar} starts it (demo profile: H2 in memory, embedded GreenMail, the
 * seed), in this JVM on free ports, with a small upload limit so that an oversized file is quick to
 * make.
 */
final class RunningPortal implements AutoCloseable {

  /** The per-file upload limit the suite starts the portal with. */
  static final int MAX_FILE_KB = 200;

  private final ConfigurableApplicationContext context;
  private final String baseUrl;

  private RunningPortal(ConfigurableApplicationContext context) {
    this.context = context;
    this.baseUrl = "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
  }

  static RunningPortal start() {
    return new RunningPortal(
        SpringApplication.run(
            PortalApplication.class,
            "--server.port=0",
            "--portal.demo.smtp-port=0",
            "--portal.demo.imap-port=0",
            "--portal.upload.max-file-size=" + MAX_FILE_KB + "KB",
            "--spring.main.banner-mode=off",
            // Selenium logs through java.util.logging, which Spring Boot routes to its own log: its
            // warning that no CDP matches Debian's Chromium is noise, the suite uses no CDP.
            "--logging.level.org.openqa.selenium.devtools=ERROR"));
  }

  /** The address a person types to open the portal. */
  String baseUrl() {
    return baseUrl;
  }

  /** The demo's mail server, where the contacts' mail arrives. */
  DevMailServer mail() {
    return context.getBean(DevMailServer.class);
  }

  @Override
  public void close() {
    context.close();
  }
}
