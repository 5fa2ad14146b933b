package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.SqlSession.decode;

import dev.dispatchkit.spi.DispatchPreference;
import dev.dispatchkit.spi.Preferences;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.SubscriberId;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The dispatch preferences of one {@link JdbcTransaction}. */
final class JdbcPreferences implements Preferences {
  private final SqlSession sql;
  private final SqlDialect dialect;
  private final Tables tables;

  private static final List<String> PREFERENCE_COLUMNS =
      List.of(
          "subscriber",
          "provider",
          "dispatch_address",
          "allowed_senders",
          "language",
          "client_address",
          "address_failing");

  JdbcPreferences(SqlSession sql) {
    this.sql = sql;
    this.dialect = sql.dialect;
    this.tables = sql.tables;
  }

  @Override
  public Optional<DispatchPreference> find(SubscriberId subscriber, ProviderId provider) {
    return sql.call(
        "read preference " + subscriber + "/" + provider,
        () ->
            sql.queryOne(
                "SELECT * FROM " + tables.preference() + " WHERE subscriber = ? AND provider = ?",
                s -> {
                  s.setString(1, subscriber.value());
                  s.setString(2, provider.value());
                },
                rows ->
                    decode(
                        "preference",
                        () ->
                            new DispatchPreference(
                                new SubscriberId(rows.getString("subscriber")),
                                new ProviderId(rows.getString("provider")),
                                rows.getString("dispatch_address"),
                                Fields.strings(rows.getString("allowed_senders")),
                                Locale.forLanguageTag(rows.getString("language")),
                                rows.getString("client_address"),
                                rows.getBoolean("address_failing")))));
  }

  @Override
  public void save(DispatchPreference preference) {
    sql.call(
        "save preference",
        () ->
            sql.update(
                dialect.upsert(
                    tables.preference(), List.of("subscriber", "provider"), PREFERENCE_COLUMNS),
                s -> {
                  s.setString(1, preference.subscriber().value());
                  s.setString(2, preference.provider().value());
                  s.setString(3, preference.dispatchAddress());
                  s.setString(4, Fields.strings(preference.allowedSenders()));
                  s.setString(5, preference.language().toLanguageTag());
                  s.setString(6, preference.clientAddress());
                  s.setBoolean(7, preference.addressFailing());
                }));
  }
}
