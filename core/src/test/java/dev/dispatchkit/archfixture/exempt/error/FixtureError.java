package dev.dispatchkit.archfixture.exempt.error;

/** An error whose context is a work-order value: the allowed cycle. */
public final class FixtureError {

  private FixtureError() {}

  /** Calls into the work order. */
  public static String context() {
    return "error of " + dev.dispatchkit.archfixture.exempt.workorder.FixtureOrder.name();
  }

  /** This class's name. */
  public static String name() {
    return "error";
  }
}
