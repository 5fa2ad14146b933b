package dev.dispatchkit.archfixture.detour.error;

/** An error that reads a rule: a cycle leaving the exempt pair. */
public final class DetourError {

  private DetourError() {}

  /** Calls into the rule and the work order. */
  public static String context() {
    return dev.dispatchkit.archfixture.detour.rules.DetourRule.name()
        + dev.dispatchkit.archfixture.detour.workorder.DetourOrder.name();
  }

  /** This class's name. */
  public static String name() {
    return "error";
  }
}
