package dev.dispatchkit.message;

import dev.dispatchkit.workorder.DeclineDetails;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.NteIncreaseRequest;
import dev.dispatchkit.workorder.Priority;
import dev.dispatchkit.workorder.WorkOrder;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The French and English emails. Values never decide the layout: they are escaped or flattened. */
final class DefaultTemplates implements MailTemplates {

  static final DefaultTemplates INSTANCE = new DefaultTemplates();

  private static final DateTimeFormatter FR =
      DateTimeFormatter.ofPattern("EEEE d MMMM uuuu 'à' HH:mm (VV)", Locale.FRENCH);
  private static final DateTimeFormatter EN =
      DateTimeFormatter.ofPattern("EEEE, MMMM d, uuuu 'at' HH:mm (VV)", Locale.ENGLISH);

  private DefaultTemplates() {}

  private static boolean french(Locale language) {
    return language.getLanguage().equals("fr");
  }

  @Override
  public RenderedMail serviceRequest(WorkOrder o, Locale language, Instant responseDeadline) {
    boolean fr = french(language);
    DateTimeFormatter dates = fr ? FR : EN;
    String tn = o.trackingNumber().value();
    String site = MailText.oneLine(o.site().name());
    String subject =
        fr
            ? "Demande d'intervention #" + tn + " - " + site
            : "Service request #" + tn + " - " + site;
    String priority =
        o.priority() == Priority.URGENT
            ? (fr ? "URGENT" : "URGENT")
            : (fr ? "Non urgent" : "Non urgent");
    NumberFormat money = NumberFormat.getCurrencyInstance(fr ? Locale.FRANCE : Locale.US);
    money.setCurrency(o.nte().currency());
    String nte = money.format(o.nte().amount());
    String expected = dates.format(o.expectedDate().zonedDateTime());
    String deadline = dates.format(responseDeadline.atZone(o.site().zone()));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {fr ? "N° de suivi" : "Tracking number", tn});
    rows.add(new String[] {fr ? "Priorité" : "Priority", priority});
    rows.add(new String[] {fr ? "Site" : "Site", o.site().name()});
    rows.add(new String[] {fr ? "Adresse" : "Address", o.site().address()});
    rows.add(new String[] {fr ? "Téléphone" : "Phone", o.site().phone()});
    rows.add(new String[] {fr ? "Métier" : "Trade", o.problem().trade()});
    rows.add(new String[] {fr ? "Description" : "Description", o.problem().description()});
    rows.add(new String[] {fr ? "Détails" : "Details", o.problem().details()});
    rows.add(new String[] {fr ? "NTE (TTC, frais inclus)" : "NTE (incl. taxes and fees)", nte});
    rows.add(new String[] {fr ? "Date prévue" : "Expected date", expected});
    rows.add(new String[] {fr ? "Réponse attendue avant" : "Answer expected by", deadline});
    String how =
        fr
            ? "Pour accepter, répondez à ce message par OK. Pour refuser, répondez Non"
                + " (vous pouvez ajouter la raison sur la même ligne)."
            : "To accept, reply to this message with OK. To decline, reply No"
                + " (you may add the reason on the same line).";
    StringBuilder text = new StringBuilder();
    text.append(fr ? "Bonjour,\n\n" : "Hello,\n\n");
    text.append(fr ? "Nouvelle demande d'intervention :\n\n" : "New service request:\n\n");
    for (String[] row : rows) {
      text.append(row[0]).append(" : ").append(row[1]).append('\n');
    }
    text.append('\n').append(how).append('\n');
    StringBuilder html = new StringBuilder("<html><body><p>");
    html.append(fr ? "Nouvelle demande d'intervention :" : "New service request:").append("</p>");
    html.append("<table>");
    for (String[] row : rows) {
      html.append("<tr><th align=\"left\">")
          .append(MailText.html(row[0]))
          .append("</th><td>")
          .append(MailText.html(row[1]))
          .append("</td></tr>");
    }
    html.append("</table><p>").append(MailText.html(how)).append("</p></body></html>");
    return new RenderedMail(subject, text.toString(), html.toString());
  }

  @Override
  public RenderedMail notice(Notice notice, WorkOrder o, Locale language) {
    boolean fr = french(language);
    String tn = o.trackingNumber().value();
    String body =
        switch (notice) {
          case CLARIFICATION ->
              fr
                  ? "Nous n'avons pas compris votre réponse. Répondez simplement OK pour accepter"
                      + " ou Non pour refuser la demande #"
                      + tn
                      + "."
                  : "We could not read your answer. Please reply simply OK to accept or No to"
                      + " decline request #"
                      + tn
                      + ".";
          case ALREADY_ANSWERED ->
              fr
                  ? "La demande #"
                      + tn
                      + " a déjà reçu une réponse ; votre message n'a rien changé."
                  : "Request #" + tn + " was already answered; your message changed nothing.";
          case NO_LONGER_ASSIGNED ->
              fr
                  ? "La demande #"
                      + tn
                      + " ne vous est plus attribuée ; votre message n'a rien changé."
                  : "Request #"
                      + tn
                      + " is no longer assigned to you; your message changed nothing.";
          case PROVIDER_ACCEPTED ->
              fr
                  ? "Le prestataire " + o.provider().value() + " a accepté la demande #" + tn + "."
                  : "Provider " + o.provider().value() + " accepted request #" + tn + ".";
          case PROVIDER_DECLINED ->
              (fr
                      ? "Le prestataire "
                          + o.provider().value()
                          + " a refusé la demande #"
                          + tn
                          + "."
                      : "Provider " + o.provider().value() + " declined request #" + tn + ".")
                  + declineDetails(o.decline(), fr);
          case EXPECTED_DATE_CHANGED ->
              (fr
                      ? "La date prévue de la demande #" + tn + " est maintenant le "
                      : "The expected date of request #" + tn + " is now ")
                  + (fr ? FR : EN).format(o.expectedDate().zonedDateTime())
                  + ".";
          case NTE_INCREASE_REQUESTED -> nteRequested(o, fr);
          case NTE_INCREASE_APPROVED ->
              fr
                  ? "Le client a accepté le nouveau NTE de la demande #"
                      + tn
                      + " : "
                      + amount(o.nte().limit(), fr)
                      + "."
                  : "The client approved the new NTE of request #"
                      + tn
                      + ": "
                      + amount(o.nte().limit(), fr)
                      + ".";
          case NTE_INCREASE_REJECTED ->
              fr
                  ? "Le client a refusé l'augmentation du NTE de la demande #"
                      + tn
                      + " ; le NTE reste "
                      + amount(o.nte().limit(), fr)
                      + "."
                  : "The client rejected the NTE increase of request #"
                      + tn
                      + "; the NTE stays "
                      + amount(o.nte().limit(), fr)
                      + ".";
        };
    String subject = (fr ? "Demande #" : "Request #") + tn + " - " + o.site().name();
    return new RenderedMail(
        subject, body + "\n", "<html><body><p>" + MailText.html(body) + "</p></body></html>");
  }

  @Override
  public RenderedMail notice(
      Notice notice, WorkOrder o, Locale language, @Nullable String comment) {
    if (comment == null || comment.isBlank()) {
      return notice(notice, o, language);
    }
    // The client's words go below the notice, flattened and escaped like every other value.
    return withLine(
        notice(notice, o, language),
        (french(language) ? "Commentaire : " : "Comment: ") + MailText.oneLine(comment.strip()));
  }

  private static RenderedMail withLine(RenderedMail plain, String extra) {
    String text = plain.text() + extra + "\n";
    String html =
        plain
            .html()
            .replace("</p></body></html>", "</p><p>" + MailText.html(extra) + "</p></body></html>");
    return new RenderedMail(plain.subject(), text, html);
  }

  private static String nteRequested(WorkOrder o, boolean fr) {
    NteIncreaseRequest pending = o.pendingNteIncrease();
    String tn = o.trackingNumber().value();
    if (pending == null) {
      return fr
          ? "Aucune demande d'augmentation du NTE n'est en attente pour la demande #" + tn + "."
          : "No NTE increase is pending for request #" + tn + ".";
    }
    String asked = amount(pending.requested().limit(), fr);
    String now = amount(o.nte().limit(), fr);
    return fr
        ? "Le prestataire "
            + o.provider().value()
            + " demande de porter le NTE de la demande #"
            + tn
            + " de "
            + now
            + " à "
            + asked
            + ".\nMotif : "
            + pending.reason().strip()
        : "Provider "
            + o.provider().value()
            + " asks to raise the NTE of request #"
            + tn
            + " from "
            + now
            + " to "
            + asked
            + ".\nReason: "
            + pending.reason().strip();
  }

  /** An amount as the language writes it: {@code 1 250,50 €}, {@code €1,250.50}. */
  private static String amount(Money money, boolean fr) {
    NumberFormat format = NumberFormat.getCurrencyInstance(fr ? Locale.FRANCE : Locale.US);
    format.setCurrency(money.currency());
    format.setMinimumFractionDigits(money.currency().getDefaultFractionDigits());
    format.setMaximumFractionDigits(money.currency().getDefaultFractionDigits());
    return format.format(money.amount());
  }

  /** The reason and the provider's words, so the client can decide what to do next. */
  private static String declineDetails(@Nullable DeclineDetails decline, boolean fr) {
    if (decline == null) {
      return "";
    }
    StringBuilder details = new StringBuilder();
    DeclineReason reason = decline.reason();
    if (reason != null) {
      details
          .append(fr ? "\nRaison : " : "\nReason: ")
          .append(fr ? frenchReason(reason) : englishReason(reason));
    }
    String text = decline.text();
    if (text != null && !text.isBlank()) {
      details.append(fr ? "\nMessage : " : "\nMessage: ").append(text.strip());
    }
    return details.toString();
  }

  private static String frenchReason(DeclineReason reason) {
    return switch (reason) {
      case CANT_MAKE_DATE -> "indisponible à la date prévue";
      case TRADE_NOT_SERVICED -> "ce n'est pas son métier";
      case LOCATION_NOT_SERVICED -> "site hors de sa zone";
      case NTE_TOO_LOW -> "NTE trop bas";
      case OTHER -> "autre";
    };
  }

  private static String englishReason(DeclineReason reason) {
    return switch (reason) {
      case CANT_MAKE_DATE -> "cannot make the expected date";
      case TRADE_NOT_SERVICED -> "not their trade";
      case LOCATION_NOT_SERVICED -> "site outside their area";
      case NTE_TOO_LOW -> "NTE too low";
      case OTHER -> "other";
    };
  }
}
