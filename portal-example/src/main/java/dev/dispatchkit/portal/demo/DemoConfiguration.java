package dev.dispatchkit.portal.demo;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.devserver.DevMailServer;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.portal.PortalProperties;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spring.boot.DispatchKitProperties;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The demo profile: an embedded SMTP and IMAP server (GreenMail, through {@link DevMailServer}) on
 * loopback, the kit's sender and inbox on it, the seed clock and the seeded orders. The starter
 * builds the kit and its runner over these beans, as it would over a real mail server.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoConfiguration {

  /** The password of every demo mailbox. */
  static final String MAIL_PASSWORD = "demo";

  /** The address replies come to: the reply local part at the reply domain. */
  static String dispatchAddress(DispatchKitProperties properties) {
    return properties.getReply().getLocalPart() + "@" + properties.getReply().getDomain();
  }

  /** The embedded mail server, on {@code portal.demo.smtp-port} and {@code imap-port}. */
  @Bean(destroyMethod = "close")
  DevMailServer demoMailServer(PortalProperties portal, DispatchKitProperties dispatchKit) {
    return DevMailServer.builder()
        .smtpPort(portal.demo().smtpPort())
        .imapPort(portal.demo().imapPort())
        .timeout(Duration.ofSeconds(10))
        .mailbox(dispatchAddress(dispatchKit), MAIL_PASSWORD)
        .build();
  }

  /** The kit's clock: the system's, moved back only while the seed runs. */
  @Bean
  SeedClock demoClock() {
    return new SeedClock();
  }

  /** The kit's SMTP sender, on the embedded server. */
  @Bean
  MailSender demoMailSender(DevMailServer mail, SeedClock clock) {
    return mail.smtp().clock(clock).build();
  }

  /** The kit's inbox, on the embedded server; the runner polls it. */
  @Bean(destroyMethod = "close")
  ImapMailSource demoMailSource(
      DevMailServer mail, SeedClock clock, DispatchKitProperties dispatchKit) {
    return mail.imap(dispatchAddress(dispatchKit)).clock(clock).build();
  }

  /** The seeded orders, made before the runner and the web server start. */
  @Bean
  DemoSeed demoSeed(
      DispatchKit kit,
      DevMailServer mail,
      ImapMailSource inbox,
      SeedClock clock,
      PortalProperties portal) {
    return new DemoSeed(kit, mail, inbox, clock, portal);
  }

  /** Prints the URL and the demo logins once the portal is up. */
  @Bean
  DemoBanner demoBanner(PortalProperties portal, DevMailServer mail) {
    return new DemoBanner(portal, mail);
  }
}
