package dev.dispatchkit.portal.demo;

import dev.dispatchkit.DispatchKit;
import dev.dispatchkit.devserver.DevMailServer;
import dev.dispatchkit.mail.ImapMailSource;
import dev.dispatchkit.portal.PortalProperties;
import dev.dispatchkit.portal.PortalProperties.Party;
import dev.dispatchkit.reply.PollResult;
import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.workorder.ContactPerson;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.Site;
import dev.dispatchkit.workorder.SubscriberId;
import dev.dispatchkit.workorder.TrackingNumber;
import dev.dispatchkit.workorder.WorkOrderCommand;
import dev.dispatchkit.workorder.WorkOrderKey;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The demo's twelve work orders of Résidences Horizon, made the way real ones are: dispatched by
 * the kit (the service requests go out over SMTP), answered by the providers' replies over the
 * embedded mail server ("OK", "Non", a request for a higher NTE, an unclear answer) that the kit
 * polls over IMAP, and worked on with the portal's commands. The clock stands in the past while
 * this runs, so dates and deadlines are those of the last three days.
 *
 * <p>It runs once every bean exists and before the runner and the web server start, so the first
 * page a visitor opens already shows them.
 */
final class DemoSeed implements SmartInitializingSingleton {

  private static final Logger LOG = LoggerFactory.getLogger(DemoSeed.class);

  static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  static final SubscriberId HORIZON = SubscriberId.of("residences-horizon");
  static final ProviderId DUPONT = ProviderId.of("plomberie-dupont");
  static final ProviderId MARTIN = ProviderId.of("electricite-martin");
  static final ContactPerson CLAIRE =
      new ContactPerson("Claire Petit", "claire.petit@horizon.example");
  static final ContactPerson MARC = new ContactPerson("Marc Leroy", "marc.leroy@horizon.example");

  private static final Site TILLEULS =
      new Site(
          "Résidence Les Tilleuls", "12 rue des Tilleuls, 69003 Lyon", "+33 4 78 60 12 12", PARIS);
  private static final Site PARC =
      new Site(
          "Résidence Le Parc",
          "5 avenue du Parc, 92100 Boulogne-Billancourt",
          "+33 1 46 05 34 34",
          PARIS);

  private final DispatchKit kit;
  private final DevMailServer mail;
  private final ImapMailSource inbox;
  private final SeedClock clock;
  private final PortalProperties portal;
  private final Map<String, MimeMessage> requests = new HashMap<>();
  private Instant now = Instant.EPOCH;

  DemoSeed(
      DispatchKit kit,
      DevMailServer mail,
      ImapMailSource inbox,
      SeedClock clock,
      PortalProperties portal) {
    this.kit = kit;
    this.mail = mail;
    this.inbox = inbox;
    this.clock = clock;
    this.portal = portal;
  }

  @Override
  public void afterSingletonsInstantiated() {
    now = clock.systemInstant().truncatedTo(ChronoUnit.MINUTES);
    try {
      seed();
    } finally {
      clock.resume();
    }
    kit.relayOutbox();
    LOG.info("demo seed: 12 work orders of {}", HORIZON.value());
  }

  private void seed() {
    preferences();

    at(ago(Duration.ofDays(3)));
    dispatch(
        "100003",
        DUPONT,
        TILLEULS,
        Priority.NON_URGENT,
        "PLOMBERIE",
        "Fuite sous l'évier de la loge",
        "Le gardien, M. Roux, ouvre la loge de 8 h à 12 h.",
        "600.00",
        day(-1, 9));
    dispatch(
        "100004",
        DUPONT,
        PARC,
        Priority.NON_URGENT,
        "PLOMBERIE",
        "Chauffe-eau en panne, bâtiment B",
        "Pas d'eau chaude depuis hier soir.",
        "500.00",
        day(2, 10));
    dispatch(
        "100007",
        DUPONT,
        TILLEULS,
        Priority.URGENT,
        "PLOMBERIE",
        "Canalisation bouchée au sous-sol",
        "Accès par la rampe du parking, badge à l'accueil.",
        "400.00",
        day(0, 8));
    dispatch(
        "100008",
        DUPONT,
        PARC,
        Priority.NON_URGENT,
        "PLOMBERIE",
        "Robinet qui goutte, local poubelles",
        "",
        "150.00",
        day(-1, 14));
    dispatch(
        "100009",
        DUPONT,
        TILLEULS,
        Priority.NON_URGENT,
        "PLOMBERIE",
        "Remplacement d'un mitigeur, appartement 12",
        "",
        "250.00",
        day(-2, 10));
    dispatch(
        "100010",
        DUPONT,
        PARC,
        Priority.NON_URGENT,
        "PLOMBERIE",
        "Contrôle de la colonne d'eau",
        "",
        "300.00",
        day(3, 9));
    dispatch(
        "100011",
        MARTIN,
        PARC,
        Priority.URGENT,
        "ELECTRICITE",
        "Éclairage du hall en panne",
        "Le disjoncteur saute dès qu'on rallume.",
        "450.00",
        day(1, 14));
    requestsTo(DUPONT);
    requestsTo(MARTIN);

    at(ago(Duration.ofDays(3)).plus(Duration.ofHours(1)));
    for (String tracking : List.of("100003", "100004", "100007", "100008", "100009", "100011")) {
      reply(tracking, "OK");
    }
    poll();

    at(ago(Duration.ofDays(2)));
    dispatch(
        "100005",
        DUPONT,
        TILLEULS,
        Priority.NON_URGENT,
        "PLOMBERIE",
        "Chasse d'eau qui fuit, sanitaires du rez-de-chaussée",
        "",
        "200.00",
        day(3, 9));
    dispatch(
        "100012",
        DUPONT,
        PARC,
        Priority.NON_URGENT,
        "PLOMBERIE",
        "Pression d'eau faible au 4e étage",
        "Plusieurs locataires se plaignent.",
        "350.00",
        day(4, 10));
    requestsTo(DUPONT);

    at(ago(Duration.ofDays(2)).plus(Duration.ofHours(3)));
    reply("100005", "Non, pas disponible cette semaine.");
    reply(
        "100004",
        "Demande d'augmentation NTE : 750 €\nLe ballon est entartré, il faut le changer.");
    poll();

    at(ago(Duration.ofDays(1)));
    kit.checkIn(key("100008"));
    kit.complete(key("100008"));
    kit.checkIn(key("100009"));
    kit.complete(key("100009"));
    kit.confirm(key("100009"));
    kit.cancel(key("100010"), "Contrôle fait par le syndic.");

    at(ago(Duration.ofHours(3)));
    kit.checkIn(key("100007"));
    dispatch(
        "100006",
        DUPONT,
        TILLEULS,
        Priority.NON_URGENT,
        "PLOMBERIE",
        "Radiateur qui fuit, salle commune",
        "",
        "300.00",
        day(2, 15));
    dispatch(
        "100002",
        DUPONT,
        PARC,
        Priority.NON_URGENT,
        "PLOMBERIE",
        "Évacuation lente de la douche, gardien",
        "",
        "250.00",
        day(5, 10));
    requestsTo(DUPONT);

    at(ago(Duration.ofHours(2)));
    reply("100006", "Bonjour, je dois d'abord voir avec mon technicien, je reviens vers vous.");
    poll();

    at(ago(Duration.ofMinutes(2)));
    dispatch(
        "100001",
        DUPONT,
        TILLEULS,
        Priority.URGENT,
        "PLOMBERIE",
        "Dégât des eaux, plafond du 2e étage",
        "L'eau coule dans la cage d'escalier.",
        "800.00",
        hoursFromNow(4));
    requestsTo(DUPONT);
  }

  private void preferences() {
    Party client = portal.subscriber(HORIZON.value()).orElseThrow();
    for (ProviderId provider : List.of(DUPONT, MARTIN)) {
      Party party = portal.provider(provider.value()).orElseThrow();
      kit.savePreference(
          new DispatchPreference(
              HORIZON,
              provider,
              party.address(),
              List.of(),
              Locale.FRENCH,
              client.address(),
              false));
    }
  }

  private void dispatch(
      String tracking,
      ProviderId provider,
      Site site,
      Priority priority,
      String trade,
      String description,
      String details,
      String nte,
      ExpectedDate expected) {
    kit.dispatch(
        new WorkOrderCommand.Dispatch(
            TrackingNumber.of(tracking),
            HORIZON,
            provider,
            site,
            new Problem(trade, description, details),
            priority,
            Nte.of(nte, "EUR"),
            expected,
            List.of(CLAIRE, MARC)));
  }

  /** Sends the queued service requests and keeps those the provider received, by tracking. */
  private void requestsTo(ProviderId provider) {
    kit.relayOutbox();
    String address = portal.provider(provider.value()).orElseThrow().address();
    for (MimeMessage request : mail.newMessages(address)) {
      try {
        String tracking = request.getHeader("X-DispatchKit-Tracking", null);
        if (tracking != null) {
          requests.put(tracking, request);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException("cannot read a demo service request", e);
      }
    }
  }

  /** The provider answers the service request from its mail program. */
  private void reply(String tracking, String text) {
    MimeMessage request = requests.get(tracking);
    if (request == null) {
      throw new IllegalStateException("no service request of " + tracking + " was received");
    }
    mail.reply(request, text);
  }

  private void poll() {
    PollResult result = kit.pollOnce(inbox, 50);
    kit.relayOutbox();
    LOG.debug("demo seed polled {} replies, {} applied", result.handled(), result.applied());
  }

  private void at(Instant instant) {
    clock.standAt(instant);
  }

  private Instant ago(Duration duration) {
    return now.minus(duration);
  }

  /** {@code days} from today at the site, at {@code hour}:00. */
  private ExpectedDate day(int days, int hour) {
    LocalDate today = LocalDate.ofInstant(now, PARIS);
    return ExpectedDate.of(today.plusDays(days).atTime(LocalTime.of(hour, 0)), PARIS);
  }

  private ExpectedDate hoursFromNow(int hours) {
    return ExpectedDate.ofInstant(
        now.plus(Duration.ofHours(hours)).truncatedTo(ChronoUnit.HOURS), PARIS);
  }

  private static WorkOrderKey key(String tracking) {
    return new WorkOrderKey(HORIZON, TrackingNumber.of(tracking));
  }
}
