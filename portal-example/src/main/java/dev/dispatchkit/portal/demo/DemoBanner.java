package dev.dispatchkit.portal.demo;

import dev.dispatchkit.devserver.DevMailServer;
import dev.dispatchkit.portal.PortalProperties;
import dev.dispatchkit.portal.PortalProperties.User;
import java.io.PrintStream;
import java.util.Locale;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/** Prints where the demo portal is and how to log in, once it is ready. */
final class DemoBanner implements ApplicationListener<ApplicationReadyEvent> {

  private final PortalProperties portal;
  private final DevMailServer mail;
  private final PrintStream out = System.out;

  DemoBanner(PortalProperties portal, DevMailServer mail) {
    this.portal = portal;
    this.mail = mail;
  }

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port");
    out.println();
    out.println("DispatchKit portal demo: http://localhost:" + port + "/");
    out.println("Demo logins (password \"demo\" for each; demo only, see docs/portal.md):");
    for (User user : portal.users()) {
      String party =
          user.side() == PortalProperties.Side.PROVIDER
              ? portal.provider(user.party()).map(PortalProperties.Party::name).orElse(user.party())
              : portal
                  .subscriber(user.party())
                  .map(PortalProperties.Party::name)
                  .orElse(user.party());
      out.printf(
          Locale.ROOT,
          "  %-8s %-8s %s%n",
          user.username(),
          user.side().name().toLowerCase(Locale.ROOT),
          party);
    }
    out.printf(
        Locale.ROOT,
        "Embedded mail server: SMTP 127.0.0.1:%d, IMAP 127.0.0.1:%d; every mail it receives is on"
            + " the Mailbox page.%n",
        mail.smtpPort(),
        mail.imapPort());
    out.println();
  }
}
