package dev.dispatchkit.reply;

/** How a reply was matched to its work order, in the order the classifier tries them. */
public enum Correlation {
  /** A valid signed reply token in a recipient address ({@code dispatch+<token>@...}). */
  TOKEN("token"),
  /** An {@code In-Reply-To} or {@code References} id equal to the dispatched Message-ID. */
  IN_REPLY_TO("in-reply-to"),
  /** A tracking number in the subject. */
  SUBJECT("subject");

  private final String code;

  Correlation(String code) {
    this.code = code;
  }

  /** A stable kebab-case code for logs and JSON, such as {@code in-reply-to}. */
  public String code() {
    return code;
  }
}
