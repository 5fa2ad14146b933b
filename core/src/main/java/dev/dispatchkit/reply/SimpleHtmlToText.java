package dev.dispatchkit.reply;

/** {@link HtmlToText#simple()}. */
enum SimpleHtmlToText implements HtmlToText {
  INSTANCE;

  @Override
  public String toText(String html) {
    return html;
  }
}
