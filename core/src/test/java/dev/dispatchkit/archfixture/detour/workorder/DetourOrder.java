package dev.dispatchkit.archfixture.detour.workorder;

/** A work order that throws the error. */
public final class DetourOrder {

  private DetourOrder() {}

  /** Calls into the error. */
  public static String fail() {
    return "order fails with " + dev.dispatchkit.archfixture.detour.error.DetourError.name();
  }

  /** This class's name. */
  public static String name() {
    return "order";
  }
}
