package dev.dispatchkit.mail;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class JsoupHtmlToTextTest {

  private final JsoupHtmlToText converter = JsoupHtmlToText.create();

  @Test
  void blockElementsAndBreaksBecomeLinesAndEntitiesAreDecoded() {
    assertThat(
            converter.toText(
                "<html><head><title>t</title><style>p{}</style></head><body>"
                    + "<div>Oui,&nbsp;c&#39;est not&eacute;</div><div><br></div>"
                    + "<p>Cordialement<br>Jean &amp; Fils</p></body></html>"))
        .isEqualTo("Oui, c'est noté\n\nCordialement\nJean & Fils");
  }

  @Test
  void gmailQuoteAndAttributionGo() {
    assertThat(
            converter.toText(
                "<div dir=\"ltr\">OK</div><br><div class=\"gmail_quote\"><div class=\"gmail_attr\">"
                    + "Le mar. 4 mars 2025, X a écrit :</div><blockquote class=\"gmail_quote\">"
                    + "Répondez OK ou Non</blockquote></div>"))
        .isEqualTo("OK");
  }

  @Test
  void outlookReplyHeaderCutsEverythingAfterIt() {
    assertThat(
            converter.toText(
                "<div>Non, trop loin</div><div id=\"appendonsend\"></div><hr>"
                    + "<div id=\"divRplyFwdMsg\"><b>De :</b> Dispatch</div><div>Original OK</div>"))
        .isEqualTo("Non, trop loin");
    assertThat(
            converter.toText(
                "<p>Accepted</p><div style=\"border:none;border-top:solid #B5C4DF 1.0pt\">"
                    + "<p><b>From:</b> Dispatch<br><b>Sent:</b> Tuesday</p></div><p>Reply OK</p>"))
        .isEqualTo("Accepted");
    assertThat(
            converter.toText(
                "<p>Yes</p><p><b>From:</b> Dispatch <b>Sent:</b> Tuesday<br><b>To:</b> x</p>"
                    + "<p>Reply OK or No</p>"))
        .isEqualTo("Yes");
  }

  @Test
  void aBorderedBlockWithoutAReplyHeaderStays() {
    assertThat(
            converter.toText(
                "<p>Oui</p><div style=\"border-top:solid #E1E1E1 1.0pt\"><p>Plomberie Martin</p></div>"))
        .isEqualTo("Oui\nPlomberie Martin");
  }

  @Test
  void clientQuoteContainersGo() {
    assertThat(converter.toText("<div>Oui</div><blockquote type=\"cite\">Non</blockquote>"))
        .isEqualTo("Oui");
    assertThat(
            converter.toText(
                "<div>Oui</div><div class=\"moz-cite-prefix\">Le 04/03, X a écrit :</div>"
                    + "<blockquote type=\"cite\">Non</blockquote>"))
        .isEqualTo("Oui");
    assertThat(
            converter.toText(
                "<div>Oui</div><div class=\"ydp1yahoo_quoted\"><div>Le mardi, X a écrit :</div>"
                    + "<div>Non</div></div>"))
        .isEqualTo("Oui");
    assertThat(
            converter.toText(
                "<div>Oui</div><div id=\"AppleOriginalContents\"><div>Non</div></div>"))
        .isEqualTo("Oui");
  }

  @Test
  void anAttributionLineJustAboveADroppedQuoteGoesToo() {
    assertThat(
            converter.toText(
                "<p>Oui<br><br>04.03.2025, 09:00, \"Dispatch\" &lt;d@x.example&gt;:</p>"
                    + "<blockquote>Non</blockquote>"))
        .isEqualTo("Oui");
  }

  @Test
  void aBottomPostKeepsTheTextBelowTheQuote() {
    assertThat(converter.toText("<blockquote type=\"cite\">Répondez OK ou Non</blockquote>OK"))
        .isEqualTo("OK");
  }

  @Test
  void anInterleavedReplyKeepsItsQuotesAsQuotedLines() {
    assertThat(
            converter.toText(
                "<div>Bonjour,</div><blockquote>Pouvez-vous venir ?</blockquote><div>Oui</div>"
                    + "<blockquote>Avant jeudi ?</blockquote><div>Non</div>"))
        .isEqualTo("Bonjour,\n> Pouvez-vous venir ?\nOui\n> Avant jeudi ?\nNon");
  }

  @Test
  void hiddenElementsAndScriptsGo() {
    assertThat(
            converter.toText(
                "<div style=\"display: none\">preheader</div><script>x()</script><div hidden>h</div>"
                    + "<div>OK</div>"))
        .isEqualTo("OK");
  }

  @Test
  void preformattedTextKeepsItsLines() {
    assertThat(converter.toText("<pre>OK\n  demain 9h</pre>")).isEqualTo("OK\n  demain 9h");
  }

  @Property(tries = 300)
  void anyInputGivesTextAndNeverThrows(@ForAll String html) {
    assertThat(converter.toText(html)).isNotNull();
    assertThat(converter.toText("<div>" + html + "<blockquote>" + html)).isNotNull();
  }
}
