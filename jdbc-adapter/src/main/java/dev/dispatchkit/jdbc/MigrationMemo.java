package dev.dispatchkit.jdbc;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Which (data source, table prefix) pairs this process has already migrated, so that building a
 * store and an attachment store on the same pool runs Flyway once. Data sources are told apart by
 * identity, not {@code equals}, and held weakly: a pool the host drops is not kept alive, and a new
 * pool on the same database is migrated again (a cheap no-op for Flyway). Thread-safe: concurrent
 * builds on one pair wait for a single migration.
 */
final class MigrationMemo {
  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final ReferenceQueue<DataSource> dropped = new ReferenceQueue<>();

  /**
   * Runs {@code migration} unless it already succeeded for this pair. A failed migration is not
   * remembered: the next build tries again.
   */
  void migrateOnce(DataSource dataSource, String prefix, Runnable migration) {
    expunge();
    Entry entry = entries.computeIfAbsent(new Key(dataSource, prefix, dropped), k -> new Entry());
    synchronized (entry) {
      if (!entry.done) {
        entry.runs++;
        migration.run();
        entry.done = true;
      }
    }
  }

  /** How many times a migration was started for this pair; for tests. */
  int runs(DataSource dataSource, String prefix) {
    Entry entry = entries.get(new Key(dataSource, prefix, null));
    if (entry == null) {
      return 0;
    }
    synchronized (entry) {
      return entry.runs;
    }
  }

  private void expunge() {
    for (Object ref = dropped.poll(); ref != null; ref = dropped.poll()) {
      entries.remove(ref);
    }
  }

  private static final class Entry {
    // Guarded by the entry's monitor.
    private boolean done;
    private int runs;
  }

  /** A weak, identity-based key; a cleared key equals only itself, so it can still be removed. */
  private static final class Key extends WeakReference<DataSource> {
    private final String prefix;
    private final int hash;

    Key(DataSource dataSource, String prefix, @Nullable ReferenceQueue<DataSource> queue) {
      super(dataSource, queue);
      this.prefix = prefix;
      this.hash = System.identityHashCode(dataSource) * 31 + prefix.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object other) {
      if (this == other) {
        return true;
      }
      if (!(other instanceof Key key)) {
        return false;
      }
      DataSource mine = get();
      return mine != null && mine == key.get() && prefix.equals(key.prefix);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
