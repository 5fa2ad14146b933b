package dev.dispatchkit.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.ExpectedDate;
import dev.dispatchkit.workorder.Fixtures;
import dev.dispatchkit.workorder.Nte;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.Problem;
import dev.dispatchkit.workorder.WorkOrder;
import dev.dispatchkit.workorder.WorkOrderCommand;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rendered text of each mail, in French and English: words a person would write. */
class MailTextsTest {

  private static final String NBSP = "\u00a0";
  // 2026-03-02 09:30 in Paris.
  private static final Instant ANSWER_BY = Instant.parse("2026-03-02T08:30:00Z");

  private static WorkOrder order(Priority priority, String trade) {
    WorkOrderCommand.Dispatch d = Fixtures.dispatchCommand();
    return WorkOrder.dispatch(
            new WorkOrderCommand.Dispatch(
                d.trackingNumber(),
                d.subscriber(),
                d.provider(),
                d.site(),
                new Problem(trade, "Leak under the sink", "Water on the floor."),
                priority,
                Nte.of("1250.50", "EUR"),
                ExpectedDate.of(LocalDateTime.of(2026, 3, 2, 10, 0), Fixtures.PARIS),
                d.contacts()),
            Fixtures.T0)
        .after();
  }

  @Test
  void theFrenchServiceRequestReadsAsWrittenByAPerson() {
    RenderedMail mail =
        MailTemplates.defaults()
            .serviceRequest(order(Priority.URGENT, "PLUMBING"), Locale.FRENCH, ANSWER_BY);
    assertThat(mail.subject()).startsWith("Demande d'intervention #100200 - ");
    assertThat(mail.text())
        .startsWith("Bonjour,\n\nNouvelle demande d'intervention :\n\n")
        .contains("N° de suivi : 100200\n")
        .contains("Priorité : Urgent\n")
        .contains("Métier : Plomberie\n")
        .contains("NTE (TTC, frais inclus) : 1" + NBSP + "250,50" + NBSP + "€\n")
        .contains("Réponse attendue avant : lundi 2 mars 2026 à 09:30\n")
        .contains("Sur place le : lundi 2 mars 2026 à 10:00\n")
        .doesNotContain("PLUMBING", "URGENT", "Europe/Paris");
    assertThat(mail.html()).contains("<th align=\"left\">Métier</th><td>Plomberie</td>");
    assertThat(
            MailTemplates.defaults()
                .serviceRequest(order(Priority.NON_URGENT, "HVAC"), Locale.FRANCE, ANSWER_BY)
                .text())
        .contains("Priorité : Non urgent\n")
        .contains("Métier : Chauffage, ventilation et climatisation\n");
  }

  @Test
  void theEnglishServiceRequestReadsAsWrittenByAPerson() {
    RenderedMail mail =
        MailTemplates.defaults()
            .serviceRequest(order(Priority.NON_URGENT, "PEST_CONTROL"), Locale.ENGLISH, ANSWER_BY);
    assertThat(mail.subject()).startsWith("Service request #100200 - ");
    assertThat(mail.text())
        .startsWith("Hello,\n\nNew service request:\n\n")
        .contains("Tracking number: 100200\n")
        .contains("Priority: Not urgent\n")
        // A trade without a label reads as words, never as a code.
        .contains("Trade: Pest control\n")
        .contains("NTE (incl. taxes and fees): €1,250.50\n")
        .contains("Answer expected by: Monday, March 2, 2026 at 09:30\n")
        .contains("On site by: Monday, March 2, 2026 at 10:00\n")
        .doesNotContain("NON_URGENT", "PEST_CONTROL");
  }

  @Test
  void noticesReadAsSentencesInBothLanguages() {
    WorkOrder declined =
        order(Priority.URGENT, "PLUMBING")
            .handle(
                new WorkOrderCommand.Decline(DeclineReason.NTE_TOO_LOW, "Needs a new pump"),
                Fixtures.T0)
            .after();
    assertThat(
            MailTemplates.defaults()
                .notice(Notice.PROVIDER_DECLINED, declined, Locale.FRENCH)
                .text())
        .isEqualTo(
            "Le prestataire acme-plumbing a refusé la demande #100200.\n"
                + "Raison : NTE trop bas\nMessage : Needs a new pump\n");
    assertThat(
            MailTemplates.defaults()
                .notice(Notice.PROVIDER_DECLINED, declined, Locale.ENGLISH)
                .text())
        .isEqualTo(
            "Provider acme-plumbing declined request #100200.\n"
                + "Reason: NTE too low\nMessage: Needs a new pump\n");
    WorkOrder o = order(Priority.URGENT, "PLUMBING");
    assertThat(
            MailTemplates.defaults().notice(Notice.EXPECTED_DATE_CHANGED, o, Locale.FRENCH).text())
        .isEqualTo(
            "La date prévue de la demande #100200 est maintenant le lundi 2 mars 2026 à 10:00.\n");
    assertThat(
            MailTemplates.defaults().notice(Notice.EXPECTED_DATE_CHANGED, o, Locale.ENGLISH).text())
        .isEqualTo("The expected date of request #100200 is now Monday, March 2, 2026 at 10:00.\n");
    for (Notice notice : Notice.values()) {
      for (Locale language : new Locale[] {Locale.FRENCH, Locale.ENGLISH}) {
        RenderedMail mail = MailTemplates.defaults().notice(notice, o, language);
        assertThat(mail.text()).as("%s %s", notice, language).doesNotContain("{", notice.name());
        assertThat(mail.subject()).contains("#100200");
      }
    }
    assertThat(
            MailTemplates.defaults().completionRejected(o, Locale.ENGLISH, " Still drips ").text())
        .isEqualTo(
            "The client did not accept the completion of request #100200; the work is still in"
                + " progress.\nReason: Still drips\n");
  }

  @Test
  void hostsAddALanguageOrOverrideAnyLabel() {
    MailTemplates templates =
        MailTemplates.builder()
            .labels(
                Locale.GERMAN,
                Map.of(
                    "field.priority", "Priorität",
                    "priority.URGENT", "Dringend",
                    "format.dateTime", "EEEE, d. MMMM uuuu 'um' HH:mm",
                    "format.separator", ": "))
            .labels(Locale.FRENCH, Map.of("trade.PLUMBING", "Plomberie sanitaire"))
            .build();
    String german =
        templates
            .serviceRequest(order(Priority.URGENT, "PLUMBING"), Locale.GERMAN, ANSWER_BY)
            .text();
    assertThat(german)
        .contains("Priorität: Dringend\n")
        .contains("Montag, 2. März 2026 um 10:00")
        // Labels the host did not give fall back to English.
        .contains("Tracking number: 100200\n")
        .contains("1.250,50" + NBSP + "€");
    assertThat(
            templates
                .serviceRequest(order(Priority.URGENT, "PLUMBING"), Locale.FRENCH, ANSWER_BY)
                .text())
        .contains("Métier : Plomberie sanitaire\n");
    assertThat(
            MailTemplates.defaults()
                .serviceRequest(order(Priority.URGENT, "PLUMBING"), Locale.FRENCH, ANSWER_BY)
                .text())
        .contains("Métier : Plomberie\n");
    assertThatThrownBy(() -> MailTemplates.builder().labels(Locale.GERMAN, Map.of("greeting", " ")))
        .isInstanceOf(ConfigurationException.class);
    assertThatThrownBy(
            () -> MailTemplates.builder().labels(Locale.GERMAN, Map.of("format.dateTime", "{{")))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void theNteNoticesAreLabelsAHostCanOverride() {
    WorkOrder asked =
        order(Priority.URGENT, "PLUMBING")
            .handle(new WorkOrderCommand.Accept(), Fixtures.T0)
            .after()
            .handle(
                new WorkOrderCommand.RequestNteIncrease(Nte.of("1750", "EUR"), "Siphon à changer"),
                Fixtures.T0)
            .after();
    assertThat(
            MailTemplates.defaults()
                .notice(Notice.NTE_INCREASE_REQUESTED, asked, Locale.FRENCH)
                .text())
        .isEqualTo(
            "Le prestataire acme-plumbing demande de porter le NTE de la demande #100200 de 1"
                + NBSP
                + "250,50"
                + NBSP
                + "€ à 1"
                + NBSP
                + "750,00"
                + NBSP
                + "€.\nMotif : Siphon à changer\n");
    assertThat(
            MailTemplates.defaults()
                .notice(Notice.NTE_INCREASE_REJECTED, asked, Locale.ENGLISH, "Too dear")
                .text())
        .isEqualTo(
            "The client rejected the NTE increase of request #100200; the NTE stays €1,250.50."
                + "\nComment: Too dear\n");
    assertThat(
            MailTemplates.defaults()
                .notice(
                    Notice.NTE_INCREASE_REQUESTED,
                    order(Priority.URGENT, "PLUMBING"),
                    Locale.ENGLISH)
                .text())
        .isEqualTo("No NTE increase is pending for request #100200.\n");

    MailTemplates host =
        MailTemplates.builder()
            .labels(
                Locale.FRENCH,
                Map.of(
                    "notice.NTE_INCREASE_APPROVED", "NTE de #{tn} porté à {nte}.",
                    "comment.line", "Mot du client : {text}"))
            .build();
    assertThat(host.notice(Notice.NTE_INCREASE_APPROVED, asked, Locale.FRENCH, "Allez-y").text())
        .isEqualTo(
            "NTE de #100200 porté à 1" + NBSP + "250,50" + NBSP + "€.\nMot du client : Allez-y\n");
  }
}
