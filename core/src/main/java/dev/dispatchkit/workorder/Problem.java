package dev.dispatchkit.workorder;

/**
 * What is wrong and which trade fixes it.
 *
 * @param trade the trade or category, such as {@code "PLUMBING"} or {@code "HVAC"}; one line
 * @param description a short description; one line, since it becomes part of email subjects
 * @param details a longer text over several lines; may be empty
 */
public record Problem(String trade, String description, String details) {

  /** The longest trade accepted. */
  public static final int MAX_TRADE = 100;

  /** The longest description accepted. */
  public static final int MAX_DESCRIPTION = 200;

  /** The longest details accepted. */
  public static final int MAX_DETAILS = 10_000;

  /**
   * @throws dev.dispatchkit.error.ValidationException if the trade or description is blank, too
   *     long or holds a line break, or the details are too long or hold control characters
   */
  public Problem {
    Texts.check("Problem")
        .line("trade", trade, MAX_TRADE)
        .line("description", description, MAX_DESCRIPTION)
        .paragraphs("details", details, MAX_DETAILS, true)
        .orThrow();
  }
}
