package dev.dispatchkit.jdbc;

import dev.dispatchkit.error.ConfigurationException;
import dev.dispatchkit.error.StoreException;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.spi.WorkOrderStore;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The way in to the JDBC adapter: builds the {@link WorkOrderStore} and the {@link AttachmentStore}
 * on a {@link DataSource} the host provides (and pools).
 *
 * <pre>{@code
 * WorkOrderStore store = JdbcStore.builder(dataSource).build();
 * AttachmentStore files = JdbcStore.builder(dataSource).buildAttachmentStore();
 * }</pre>
 *
 * <p>By default {@code build()} brings the schema up to date with Flyway, in a history table of its
 * own, once per {@code DataSource} and table prefix in the process, and detects the database from
 * the connection's metadata. {@link Builder#migrate(boolean) migrate(false)} leaves the schema to
 * the host.
 *
 * <p>{@link Builder#readOnlyDataSource(DataSource)} adds a read replica, which serves the reads of
 * work orders that DispatchKit hands to the host and nothing else.
 */
public final class JdbcStore {
  /** The table prefix used unless another is set: {@value}. */
  public static final String DEFAULT_TABLE_PREFIX = "dispatchkit_";

  /**
   * What follows the table prefix in the name of DispatchKit's Flyway history table: with the
   * default prefix, the table is {@code dispatchkit_schema_history}.
   */
  public static final String HISTORY_TABLE_SUFFIX = "schema_history";

  /** The longest table prefix: the longest name built on it still fits every database. */
  public static final int MAX_TABLE_PREFIX = 30;

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]*");

  private JdbcStore() {}

  /**
   * A builder of stores on {@code dataSource}.
   *
   * @throws ConfigurationException if the data source is null
   */
  public static Builder builder(DataSource dataSource) {
    if (dataSource == null) {
      throw new ConfigurationException("dataSource", "is required");
    }
    return new Builder(dataSource);
  }

  /** Builds JDBC stores; every setter rejects a bad value at once. Not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private @Nullable DataSource readOnlyDataSource;
    private @Nullable Dialect dialect;
    private String tablePrefix = DEFAULT_TABLE_PREFIX;
    private boolean runMigrations = true;
    private URI attachmentLinkBase = URI.create("urn:dispatchkit:attachment:");

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * The database, instead of detecting it from {@link java.sql.DatabaseMetaData}.
     *
     * @throws ConfigurationException if null
     */
    public Builder dialect(Dialect dialect) {
      if (dialect == null) {
        throw new ConfigurationException("dialect", "must not be null");
      }
      this.dialect = dialect;
      return this;
    }

    /**
     * The prefix of every table, index and of the migration history table; {@value
     * #DEFAULT_TABLE_PREFIX} by default. Stores with different prefixes share nothing.
     *
     * @throws ConfigurationException unless it is 1 to {@value #MAX_TABLE_PREFIX} lower-case ASCII
     *     letters, digits and underscores, starting with a letter
     */
    public Builder tablePrefix(String tablePrefix) {
      if (tablePrefix == null
          || tablePrefix.length() > MAX_TABLE_PREFIX
          || !PREFIX.matcher(tablePrefix).matches()) {
        throw new ConfigurationException(
            "tablePrefix",
            "must be 1 to "
                + MAX_TABLE_PREFIX
                + " lower-case ASCII letters, digits or underscores, starting with a letter; was "
                + (tablePrefix == null ? "null" : "'" + tablePrefix + "'"));
      }
      this.tablePrefix = tablePrefix;
      return this;
    }

    /**
     * Whether {@code build()} and {@code buildAttachmentStore()} bring the schema up to date with
     * DispatchKit's Flyway migrations; true by default. Flyway runs once per {@code DataSource}
     * instance and table prefix in a process: building the store and the attachment store on the
     * same pool migrates once.
     *
     * <p>Turn it off when the host applies the scripts itself (see {@link
     * Dialect#migrationLocation()}). The builder then does not touch the schema; if the tables are
     * missing, the store's first use throws a {@link StoreException} (an {@link
     * dev.dispatchkit.error.AttachmentException} for the attachment store) that says so and names
     * the scripts' location.
     */
    public Builder migrate(boolean migrate) {
      this.runMigrations = migrate;
      return this;
    }

    /**
     * What {@link AttachmentStore#link(String)} puts before an attachment id, such as the host's
     * download endpoint {@code https://app.example.com/attachments/}; {@code
     * urn:dispatchkit:attachment:} by default.
     *
     * @throws ConfigurationException if null or not absolute
     */
    public Builder attachmentLinkBase(URI base) {
      if (base == null || !base.isAbsolute()) {
        throw new ConfigurationException(
            "attachmentLinkBase", "must be an absolute URI, was " + base);
      }
      this.attachmentLinkBase = base;
      return this;
    }

    /**
     * A read replica of the database (a hot standby, a read-only endpoint; its own pool), for the
     * units of work that {@link WorkOrderStore#inReadOnlyTransaction} runs: the facade's {@code
     * find}, {@code findByTrackingNumber}, {@code list}, {@code timeline}, {@code allowedCommands}
     * and {@code flags}. They may answer with data older than the last commit by the replica's lag:
     * a host that must see its own change at once reads the work order the command returned.
     *
     * <p>Everything else stays on the primary data source: every write, the inbox (which decides
     * whether a reply was applied already), the outbox and its relay, the reads inside a unit of
     * work that writes (they decide the write, under its optimistic version), the sweep's scans
     * (they lead to events and reassignments), preferences, the outbox state, the migrations and
     * the attachment store. The store sets each replica connection read-only ({@link
     * Connection#setReadOnly}) for the unit of work and back afterwards, so a write that reaches it
     * fails instead of writing. Without a replica, every unit of work runs on the primary.
     *
     * <p>The replica must hold the same schema and table prefix (replication copies the
     * migrations); the builder never migrates it.
     *
     * @throws ConfigurationException if null
     */
    public Builder readOnlyDataSource(DataSource readOnlyDataSource) {
      if (readOnlyDataSource == null) {
        throw new ConfigurationException("readOnlyDataSource", "must not be null");
      }
      this.readOnlyDataSource = readOnlyDataSource;
      return this;
    }

    /**
     * The work-order store, after the migrations when they are on.
     *
     * @throws ConfigurationException if the database is not supported
     * @throws StoreException if the database cannot be reached or migrated
     */
    public WorkOrderStore build() {
      Dialect resolved = prepare();
      Tables tables = new Tables(tablePrefix);
      WorkOrderStore store =
          new JdbcWorkOrderStore(dataSource, readOnlyDataSource, resolved.sql(), tables);
      return runMigrations
          ? store
          : new SchemaCheckedStore(
              store, new SchemaCheck(dataSource, resolved, tables, tables.workOrder()));
    }

    /**
     * The attachment store on the same tables, after the migrations when they are on.
     *
     * @throws ConfigurationException if the database is not supported
     * @throws StoreException if the database cannot be reached or migrated
     */
    public AttachmentStore buildAttachmentStore() {
      Dialect resolved = prepare();
      Tables tables = new Tables(tablePrefix);
      AttachmentStore store = new JdbcAttachmentStore(dataSource, tables, attachmentLinkBase);
      return runMigrations
          ? store
          : new SchemaCheckedAttachmentStore(
              store, new SchemaCheck(dataSource, resolved, tables, tables.attachment()));
    }

    private Dialect prepare() {
      Dialect resolved = dialect != null ? dialect : detect(dataSource);
      if (runMigrations) {
        Migrations.migrateOnce(dataSource, resolved, new Tables(tablePrefix));
      }
      return resolved;
    }

    private static Dialect detect(DataSource dataSource) {
      try (Connection connection = dataSource.getConnection()) {
        return Dialect.ofProductName(connection.getMetaData().getDatabaseProductName());
      } catch (SQLException e) {
        throw new StoreException(
            "could not reach the database to detect its dialect: " + e.getMessage(), e);
      }
    }
  }
}
