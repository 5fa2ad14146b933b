package dev.dispatchkit.archfixture.exempt.rules;

/** A rule that reads work-order values and throws errors, one way. */
public final class FixtureRule {

  private FixtureRule() {}

  /** Calls into the work order and the error. */
  public static String judge() {
    return dev.dispatchkit.archfixture.exempt.workorder.FixtureOrder.name()
        + dev.dispatchkit.archfixture.exempt.error.FixtureError.name();
  }
}
