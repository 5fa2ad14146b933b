package dev.dispatchkit.workorder;

/** Who wrote a note. */
public enum NoteAuthor {
  /** The service provider, by reply or through the host. */
  PROVIDER,
  /** The client's staff. */
  CLIENT,
  /** DispatchKit or the host application itself, such as a reply kept for a human to read. */
  SYSTEM
}
