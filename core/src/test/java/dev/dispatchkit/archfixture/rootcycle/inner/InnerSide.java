package dev.dispatchkit.archfixture.rootcycle.inner;

/** The sub-package's half of the cycle with the root package. */
public final class InnerSide {

  private InnerSide() {}

  /** Calls into the root package. */
  public static String pair() {
    return "inner+" + dev.dispatchkit.archfixture.rootcycle.RootSide.name();
  }

  /** This half's name. */
  public static String name() {
    return "inner";
  }
}
