package dev.dispatchkit.reply;

/**
 * Which rule of the reply policy decided a {@link ReplyDecision}. Each reason belongs to exactly
 * one {@link Intent}, and its {@link #code()} is stable across versions (logs, JSON, metrics).
 */
public enum ReplyReason {
  /** A delivery status report ({@code multipart/report; report-type=delivery-status}). */
  BOUNCE_REPORT("bounce-report", Intent.BOUNCE),
  /** Sent by {@code MAILER-DAEMON} or {@code postmaster} with a delivery-failure subject. */
  BOUNCE_SUBJECT("bounce-subject", Intent.BOUNCE),
  /** A read receipt: a disposition notification or a "Read:" / "Lu :" subject. */
  READ_RECEIPT("read-receipt", Intent.AUTO_REPLY),
  /** {@code Auto-Submitted} present with a value other than {@code no} (RFC 3834). */
  AUTO_SUBMITTED("auto-submitted", Intent.AUTO_REPLY),
  /** {@code X-Autoreply}, {@code X-Autorespond} or {@code X-MS-Exchange-Inbox-Rules-Loop}. */
  AUTO_REPLY_HEADER("auto-reply-header", Intent.AUTO_REPLY),
  /** {@code Precedence: bulk}, {@code junk}, {@code list} or {@code auto_reply}. */
  PRECEDENCE("precedence", Intent.AUTO_REPLY),
  /** The subject starts, after any reply prefix, with an auto-reply marker. */
  AUTO_REPLY_SUBJECT("auto-reply-subject", Intent.AUTO_REPLY),
  /** No reply token, no known Message-ID and no known tracking number in the subject. */
  NO_WORK_ORDER("no-work-order", Intent.UNCLEAR),
  /** The sender is not an address allowed to answer for that work order. */
  SENDER_NOT_ALLOWED("sender-not-allowed", Intent.UNCLEAR),
  /** A forward with no text of its own above the forwarded message. */
  FORWARD_WITHOUT_TEXT("forward-without-text", Intent.UNCLEAR),
  /** New text stands between quoted lines, so the answer may be to any of them. */
  INTERLEAVED_QUOTE("interleaved-quote", Intent.UNCLEAR),
  /**
   * The body or the new text was longer than the classifier reads ({@link
   * ReplyClassifier#MAX_BODY_CHARS}, {@link ReplyClassifier#MAX_REPLY_TEXT_CHARS}): it was cut, and
   * a person decides.
   */
  TEXT_TOO_LONG("text-too-long", Intent.UNCLEAR),
  /** The new text is empty (after greeting, closing and signature removal). */
  EMPTY_TEXT("empty-text", Intent.UNCLEAR),
  /** The first meaningful line does not start with a decision word. */
  NO_DECISION_WORD("no-decision-word", Intent.UNCLEAR),
  /** The decision word is only part of another word ("Okay-ish", "Nonobstant", "Nothing"). */
  PART_OF_WORD("part-of-word", Intent.UNCLEAR),
  /** The decision word is negated ("pas OK", "not ok") or an idiom ("no problem"). */
  NEGATED("negated", Intent.UNCLEAR),
  /** The decision word is questioned ("OK ?"). */
  QUESTIONED("questioned", Intent.UNCLEAR),
  /** The opposite decision word also opens a sentence or a line ("Oui / Non"). */
  CONFLICTING_WORDS("conflicting-words", Intent.UNCLEAR),
  /** The new text starts with an NTE increase phrase but its amount cannot be read for sure. */
  NTE_AMOUNT_UNCLEAR("nte-amount-unclear", Intent.UNCLEAR),
  /** The new text starts with an NTE increase phrase and one amount in the order's currency. */
  NTE_INCREASE_PHRASE("nte-increase-phrase", Intent.NTE_INCREASE),
  /** The new text starts with an accept word. */
  ACCEPT_WORD("accept-word", Intent.ACCEPT),
  /** The new text starts with a decline word. */
  DECLINE_WORD("decline-word", Intent.DECLINE);

  private final String code;
  private final Intent intent;

  ReplyReason(String code, Intent intent) {
    this.code = code;
    this.intent = intent;
  }

  /** A stable kebab-case code, such as {@code no-work-order}. */
  public String code() {
    return code;
  }

  /** The intent this reason leads to. */
  public Intent intent() {
    return intent;
  }
}
