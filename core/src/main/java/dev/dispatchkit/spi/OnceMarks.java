package dev.dispatchkit.spi;

import java.time.Instant;

/** The once-only marks of one {@link StoreTransaction}. */
public interface OnceMarks {

  /**
   * Records that something happened once, such as a rate-limited notice to an address on a day, or
   * the late event of a work order's expected date.
   *
   * @param scope what kind of mark, such as {@code notice:clarification}
   * @param key what it is about, such as {@code provider@example.com/2026-03-02}
   * @return true when recorded now; false when the same scope and key were recorded before
   */
  boolean mark(String scope, String key, Instant at);
}
