package dev.dispatchkit.archfixture.exempt.workorder;

/** A work order that throws the error: the allowed cycle. */
public final class FixtureOrder {

  private FixtureOrder() {}

  /** Calls into the error. */
  public static String fail() {
    return "order fails with " + dev.dispatchkit.archfixture.exempt.error.FixtureError.name();
  }

  /** This class's name. */
  public static String name() {
    return "order";
  }
}
