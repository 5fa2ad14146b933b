package dev.dispatchkit.workorder;

/** What a provider can report about work under way. */
public enum ProgressUpdate {
  /** Waiting for parts: leads to IN_PROGRESS/PARTS_ON_ORDER. */
  PARTS_ON_ORDER,
  /** The visit ended with work left to do: leads to IN_PROGRESS/INCOMPLETE. */
  INCOMPLETE;

  CommandKind kind() {
    return this == PARTS_ON_ORDER
        ? CommandKind.REPORT_PARTS_ON_ORDER
        : CommandKind.REPORT_INCOMPLETE;
  }
}
