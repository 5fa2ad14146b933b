/**
 * Test support for the JDBC adapter, shared with the examples and benchmarks through the adapter's
 * test-jar: the test databases, a small pool, schemas of their own, generated rows and a counter of
 * round trips. Not part of the adapter's API.
 */
package dev.dispatchkit.jdbc.testsupport;
