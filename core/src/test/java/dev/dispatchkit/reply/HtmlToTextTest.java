package dev.dispatchkit.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlToTextTest {

  private final HtmlToText html = HtmlToText.simple();

  @Test
  void blocksBecomeLinesAndQuotesStylesAndScriptsDisappear() {
    String text =
        html.toText(
            "<html><head><style>p{color:red}</style><title>t</title></head><body>"
                + "<p>OK&nbsp;pour&#32;demain</p><div>10h &amp; c&eacute;t&#xE9;ra</div>"
                + "<script>alert('Non')</script><blockquote type=cite><p>Non</p>"
                + "<blockquote>deep</blockquote>still quoted</blockquote><br>Jean</body></html>");
    // Where two blocks meet, a blank line separates them, as paragraphs.
    assertThat(text).isEqualTo("OK pour demain\n\n10h & cétéra\n\nJean");
  }

  @Test
  void malformedMarkupDegradesToText() {
    assertThat(html.toText("OK <b>bold")).isEqualTo("OK bold");
    assertThat(html.toText("OK <unclosed")).isEqualTo("OK");
    assertThat(html.toText("a &bogus; b &#xZZ; c")).isEqualTo("a &bogus; b &#xZZ; c");
    assertThat(html.toText("</blockquote>OK")).isEqualTo("OK");
  }
}
