package dev.dispatchkit.jdbc;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * Statement texts built once and then reused, by key (a table prefix, a set of columns): built on
 * every call, a text is concatenated anew and then hashed and compared again in full by the
 * driver's statement cache, which a reply pays for each of its statements. Bounded: past {@code
 * max} keys, a text is built for each call and not kept.
 *
 * @param <K> what a text is built from
 */
final class StatementTexts<K> {
  private final int max;
  private final Function<K, String> build;
  private final ConcurrentMap<K, String> texts = new ConcurrentHashMap<>();

  StatementTexts(int max, Function<K, String> build) {
    this.max = max;
    this.build = build;
  }

  /** Texts built from the table names of a prefix, for at most 64 prefixes. */
  static StatementTexts<Tables> perPrefix(Function<Tables, String> build) {
    return new StatementTexts<>(64, build);
  }

  /** The text of {@code key}, the same instance for each call once kept. */
  String of(K key) {
    String text = texts.get(key);
    if (text == null) {
      text = build.apply(key);
      if (texts.size() < max) {
        String kept = texts.putIfAbsent(key, text);
        return kept == null ? text : kept;
      }
    }
    return text;
  }
}
