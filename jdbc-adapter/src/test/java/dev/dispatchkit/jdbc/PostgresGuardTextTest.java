package dev.dispatchkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * How a failed guard of the writes sent with the commit is told from any other failure: by its
 * SQLState and the position its text names, whatever language the server writes its messages in.
 */
class PostgresGuardTextTest {

  @Test
  void aGuardsFailureNamesThePositionOfItsWrite() {
    assertThat(
            PostgresDialect.refusedWrite(
                new SQLException(
                    "ERROR: invalid input syntax for type integer:"
                        + " \"dispatchkit-refused-write-12\"",
                    "22P02")))
        .isEqualTo(12);
    // The server's own words translated; the quoted value stays as sent.
    assertThat(
            PostgresDialect.refusedWrite(
                new SQLException(
                    "FEHLER: ungültige Eingabesyntax für Typ integer:"
                        + " »dispatchkit-refused-write-0«",
                    "22P02")))
        .isZero();
  }

  @Test
  void anyOtherFailureIsNotAGuards() {
    assertThat(
            PostgresDialect.refusedWrite(
                new SQLException("invalid input syntax for type integer: \"abc\"", "22P02")))
        .isEqualTo(-1);
    assertThat(
            PostgresDialect.refusedWrite(
                new SQLException("value \"dispatchkit-refused-write-1\" ...", "23505")))
        .as("another SQLState")
        .isEqualTo(-1);
    assertThat(
            PostgresDialect.refusedWrite(
                new SQLException("\"dispatchkit-refused-write-\"", "22P02")))
        .as("no position")
        .isEqualTo(-1);
    assertThat(
            PostgresDialect.refusedWrite(
                new SQLException("\"dispatchkit-refused-write-99999999999\"", "22P02")))
        .as("a position no statement has")
        .isEqualTo(-1);
    assertThat(PostgresDialect.refusedWrite(new SQLException(null, "22P02"))).isEqualTo(-1);
  }
}
