package dev.dispatchkit.jdbc;

import static dev.dispatchkit.jdbc.SqlSession.micros;
import static dev.dispatchkit.jdbc.SqlSession.sha256;

import dev.dispatchkit.spi.OnceMarks;
import java.time.Instant;

/** The once-only marks of one {@link JdbcTransaction}. */
final class JdbcOnceMarks implements OnceMarks {
  private final SqlSession sql;
  private final SqlDialect dialect;
  private final Tables tables;

  JdbcOnceMarks(SqlSession sql) {
    this.sql = sql;
    this.dialect = sql.dialect;
    this.tables = sql.tables;
  }

  @Override
  public boolean mark(String scope, String key, Instant at) {
    // Scope and key may be long: the primary key is the digest of both, written unambiguously.
    String hash = sha256(new Fields.Writer().text(scope).text(key).toString());
    return sql.insertUnlessDuplicateNow(
        "mark " + scope + " once",
        null,
        "INSERT INTO "
            + tables.onceMark()
            + " (mark_hash, scope, mark_key, marked_at) VALUES (?, ?, ?, ?)",
        s -> {
          s.setString(1, hash);
          s.setString(2, scope);
          s.setString(3, key);
          dialect.setInstant(s, 4, micros(at));
        });
  }
}
