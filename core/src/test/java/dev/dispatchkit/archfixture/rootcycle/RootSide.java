package dev.dispatchkit.archfixture.rootcycle;

/** The root package's half of a cycle with a sub-package: the root must be a slice too. */
public final class RootSide {

  private RootSide() {}

  /** Calls into the sub-package. */
  public static String pair() {
    return "root+" + dev.dispatchkit.archfixture.rootcycle.inner.InnerSide.name();
  }

  /** This half's name. */
  public static String name() {
    return "root";
  }
}
