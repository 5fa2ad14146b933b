package dev.dispatchkit.spi;

import java.util.Optional;

/** The dispatch emails of one {@link StoreTransaction}. */
public interface Dispatches {

  /**
   * Records a dispatch email.
   *
   * @throws dev.dispatchkit.error.StoreException when its id or message id is taken
   */
  void record(DispatchRecord dispatch);

  /** The dispatch with this id, as its reply token names it. */
  Optional<DispatchRecord> find(long dispatchId);

  /** The dispatch whose email had this Message-ID (without angle brackets). */
  Optional<DispatchRecord> findByMessageId(String messageId);
}
