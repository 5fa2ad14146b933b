package dev.dispatchkit.jdbc.testsupport;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** The tables under one prefix, found through the driver's metadata, on any database. */
public final class TestTables {

  private TestTables() {}

  /** The names of the tables whose name starts with {@code prefix}, in any letter case. */
  public static List<String> of(Connection c, String prefix) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    LinkedHashSet<String> tables = new LinkedHashSet<>();
    // H2 keeps unquoted names in upper case, the others in lower case: ask for both.
    for (String start : new LinkedHashSet<>(List.of(prefix, prefix.toUpperCase(Locale.ROOT)))) {
      // The pattern's "_" would match any character: escape it, and check the prefix again.
      try (ResultSet rows =
          meta.getTables(
              c.getCatalog(), null, start.replace("_", "\\_") + "%", new String[] {"TABLE"})) {
        while (rows.next()) {
          String name = rows.getString("TABLE_NAME");
          if (name.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            tables.add(name);
          }
        }
      }
    }
    return List.copyOf(tables);
  }

  /** Drops every table whose name starts with {@code prefix}. */
  public static void drop(Connection c, String prefix) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String table : of(c, prefix)) {
        s.execute("DROP TABLE IF EXISTS " + table + " CASCADE");
      }
    }
  }
}
