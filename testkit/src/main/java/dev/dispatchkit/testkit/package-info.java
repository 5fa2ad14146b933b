/**
 * DispatchKit testkit: in-memory ports, a settable clock, AssertJ assertions and port contract
 * tests.
 */
@NullMarked
package dev.dispatchkit.testkit;

import org.jspecify.annotations.NullMarked;
