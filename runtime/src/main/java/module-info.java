/**
 * DispatchKit runtime: runs the poll, relay and sweep loops of a {@code DispatchKit} in a plain
 * Java host, and binds optional Micrometer metrics.
 */
module dev.dispatchkit.runtime {
  requires transitive dev.dispatchkit.core;
  requires static org.jspecify;
  requires static micrometer.core;
  requires org.slf4j;

  exports dev.dispatchkit.runtime;
}
