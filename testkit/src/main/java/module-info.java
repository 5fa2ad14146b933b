/**
 * DispatchKit testkit: in-memory ports, a settable clock, AssertJ assertions and port contract
 * tests.
 */
module dev.dispatchkit.testkit {
  requires transitive dev.dispatchkit.core;
  requires static org.jspecify;
  requires org.assertj.core;
  requires org.junit.jupiter.api;

  exports dev.dispatchkit.testkit;
}
