package dev.dispatchkit.archfixture.cycle.a;

/** Half of a two-package cycle that the package-cycle rule must report. */
public final class Left {

  private Left() {}

  /** Calls into the other half. */
  public static String pair() {
    return "left+" + dev.dispatchkit.archfixture.cycle.b.Right.name();
  }

  /** This half's name. */
  public static String name() {
    return "left";
  }
}
