package dev.dispatchkit.archfixture.cycle.b;

/** The other half of the two-package cycle. */
public final class Right {

  private Right() {}

  /** Calls into the other half. */
  public static String pair() {
    return "right+" + dev.dispatchkit.archfixture.cycle.a.Left.name();
  }

  /** This half's name. */
  public static String name() {
    return "right";
  }
}
