package dev.dispatchkit.message;

import dev.dispatchkit.workorder.DeclineDetails;
import dev.dispatchkit.workorder.DeclineReason;
import dev.dispatchkit.workorder.Money;
import dev.dispatchkit.workorder.NteIncreaseRequest;
import dev.dispatchkit.workorder.WorkOrder;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The default emails, worded by {@link MailLabels}: values never decide the layout (they are
 * escaped or flattened), and no enum name reaches the reader.
 */
final class DefaultTemplates implements MailTemplates {

  static final DefaultTemplates INSTANCE = new DefaultTemplates(MailLabels.defaults());

  private final MailLabels labels;

  DefaultTemplates(MailLabels labels) {
    this.labels = labels;
  }

  @Override
  public RenderedMail serviceRequest(WorkOrder o, Locale language, Instant responseDeadline) {
    Words w = new Words(labels, language);
    String tn = o.trackingNumber().value();
    String site = MailText.oneLine(o.site().name());
    String subject = w.fill("subject.serviceRequest", Map.of("tn", tn, "site", site));
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {w.get("field.trackingNumber"), tn});
    rows.add(new String[] {w.get("field.priority"), w.get("priority." + o.priority().name())});
    rows.add(new String[] {w.get("field.site"), o.site().name()});
    rows.add(new String[] {w.get("field.address"), o.site().address()});
    rows.add(new String[] {w.get("field.phone"), o.site().phone()});
    rows.add(new String[] {w.get("field.trade"), w.trade(o.problem().trade())});
    rows.add(new String[] {w.get("field.description"), o.problem().description()});
    rows.add(new String[] {w.get("field.details"), o.problem().details()});
    rows.add(new String[] {w.get("field.nte"), w.money(o.nte().limit())});
    rows.add(new String[] {w.get("field.answerBy"), w.date(responseDeadline, o)});
    rows.add(new String[] {w.get("field.onSiteBy"), w.date(o.expectedDate().instant(), o)});
    String how = w.get("serviceRequest.how");
    String separator = w.get("format.separator");
    StringBuilder text = new StringBuilder();
    text.append(w.get("greeting")).append("\n\n");
    text.append(w.get("serviceRequest.intro")).append("\n\n");
    for (String[] row : rows) {
      text.append(row[0]).append(separator).append(row[1]).append('\n');
    }
    text.append('\n').append(how).append('\n');
    StringBuilder html = new StringBuilder("<html><body><p>");
    html.append(MailText.html(w.get("serviceRequest.intro"))).append("</p>");
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
    Words w = new Words(labels, language);
    boolean fr = french(language);
    Map<String, String> values = new HashMap<>();
    values.put("tn", o.trackingNumber().value());
    values.put("provider", o.provider().value());
    values.put("date", w.date(o.expectedDate().instant(), o));
    values.put("nte", amount(o.nte().limit(), fr));
    String key = "notice." + notice.name();
    if (notice == Notice.NTE_INCREASE_REQUESTED) {
      NteIncreaseRequest pending = o.pendingNteIncrease();
      if (pending == null) {
        key = "notice.NTE_INCREASE_NONE";
      } else {
        values.put("asked", amount(pending.requested().limit(), fr));
        values.put("reason", pending.reason().strip());
      }
    }
    String sentence = w.fill(key, values);
    String body =
        notice == Notice.PROVIDER_DECLINED ? sentence + declineDetails(o.decline(), w) : sentence;
    return mail(o, w, body);
  }

  @Override
  public RenderedMail completionRejected(WorkOrder o, Locale language, String reason) {
    Words w = new Words(labels, language);
    String body =
        w.fill("notice.COMPLETION_REJECTED", Map.of("tn", o.trackingNumber().value()))
            + "\n"
            + w.fill("completion.reason", Map.of("reason", reason.strip()));
    return mail(o, w, body);
  }

  private static RenderedMail mail(WorkOrder o, Words w, String body) {
    String subject =
        w.fill(
            "subject.notice",
            Map.of("tn", o.trackingNumber().value(), "site", MailText.oneLine(o.site().name())));
    return new RenderedMail(
        subject, body + "\n", "<html><body><p>" + MailText.html(body) + "</p></body></html>");
  }

  @Override
  public RenderedMail notice(
      Notice notice, WorkOrder o, Locale language, @Nullable String comment) {
    if (comment == null || comment.isBlank()) {
      return notice(notice, o, language);
    }
    // A person's words go below the notice, flattened and escaped like every other value: the
    // client's comment on an NTE answer, the note explaining a moved expected date.
    String key = notice == Notice.EXPECTED_DATE_CHANGED ? "note.line" : "comment.line";
    String line =
        new Words(labels, language).fill(key, Map.of("text", MailText.oneLine(comment.strip())));
    return withLine(notice(notice, o, language), line);
  }

  private static RenderedMail withLine(RenderedMail plain, String extra) {
    String text = plain.text() + extra + "\n";
    String html =
        plain
            .html()
            .replace("</p></body></html>", "</p><p>" + MailText.html(extra) + "</p></body></html>");
    return new RenderedMail(plain.subject(), text, html);
  }

  /** An amount as the language writes it: {@code 1 250,50 €}, {@code €1,250.50}. */
  private static boolean french(Locale language) {
    return "fr".equals(language.getLanguage());
  }

  private static String amount(Money money, boolean fr) {
    NumberFormat format = NumberFormat.getCurrencyInstance(fr ? Locale.FRANCE : Locale.US);
    format.setCurrency(money.currency());
    format.setMinimumFractionDigits(money.currency().getDefaultFractionDigits());
    format.setMaximumFractionDigits(money.currency().getDefaultFractionDigits());
    // The narrow no-break space some locales group with is missing from many mail fonts.
    return format.format(money.amount()).replace('\u202f', '\u00a0');
  }

  /** The reason and the provider's words, so the client can decide what to do next. */
  private static String declineDetails(@Nullable DeclineDetails decline, Words w) {
    if (decline == null) {
      return "";
    }
    StringBuilder details = new StringBuilder();
    DeclineReason reason = decline.reason();
    if (reason != null) {
      details
          .append('\n')
          .append(w.fill("decline.reason", Map.of("reason", w.get("reason." + reason.name()))));
    }
    String text = decline.text();
    if (text != null && !text.isBlank()) {
      details.append('\n').append(w.fill("decline.message", Map.of("text", text.strip())));
    }
    return details.toString();
  }

  /** The labels and formats of one language. */
  private static final class Words {
    private final MailLabels labels;
    private final Locale language;

    Words(MailLabels labels, Locale language) {
      this.labels = labels;
      this.language = language;
    }

    String get(String key) {
      return labels.get(language, key);
    }

    /** The label with each {@code {name}} replaced; values are inserted once, never re-read. */
    String fill(String key, Map<String, String> values) {
      String template = get(key);
      StringBuilder out = new StringBuilder(template.length() + 32);
      int i = 0;
      while (i < template.length()) {
        int open = template.indexOf('{', i);
        int close = open < 0 ? -1 : template.indexOf('}', open);
        if (close < 0) {
          out.append(template, i, template.length());
          break;
        }
        String value = values.get(template.substring(open + 1, close));
        out.append(template, i, open)
            .append(value == null ? template.substring(open, close + 1) : value);
        i = close + 1;
      }
      return out.toString();
    }

    /** A trade's label; a code without one reads as words: {@code PEST_CONTROL}, "Pest control". */
    String trade(String code) {
      String key = "trade." + code.strip().toUpperCase(Locale.ROOT);
      if (labels.has(language, key)) {
        return get(key);
      }
      String words = code.strip().replace('_', ' ');
      if (!words.equals(words.toUpperCase(Locale.ROOT))) {
        return words; // already written by a person
      }
      String lower = words.toLowerCase(language);
      return lower.isEmpty()
          ? lower
          : lower.substring(0, 1).toUpperCase(language) + lower.substring(1);
    }

    /** "lundi 2 mars 2026 à 10:00", "Monday, March 2, 2026 at 10:00": in the site's zone. */
    String date(Instant at, WorkOrder o) {
      ZonedDateTime local = at.atZone(o.site().zone());
      return DateTimeFormatter.ofPattern(get("format.dateTime"), language).format(local);
    }

    /** "1 250,50 €", "€1,250.50": the language's grouping, decimals and currency sign. */
    String money(Money money) {
      NumberFormat format = NumberFormat.getCurrencyInstance(language);
      format.setCurrency(money.currency());
      // The narrow no-break space some locales group with is missing from many mail fonts.
      return format.format(money.amount()).replace('\u202f', '\u00a0');
    }
  }
}
