package dev.dispatchkit.archfixture.detour.rules;

/** A rule that reads the work order, and is read by the error. */
public final class DetourRule {

  private DetourRule() {}

  /** Calls into the work order. */
  public static String judge() {
    return dev.dispatchkit.archfixture.detour.workorder.DetourOrder.name();
  }

  /** This class's name. */
  public static String name() {
    return "rule";
  }
}
