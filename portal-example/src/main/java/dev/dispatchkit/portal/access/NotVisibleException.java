package dev.dispatchkit.portal.access;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The work order or attachment does not exist for this user: either it does not exist, or it
 * belongs to another company. The two answer alike (404), so that nothing is disclosed.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public final class NotVisibleException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Nothing here for this user. */
  public NotVisibleException() {
    super("not found", null, false, false);
  }
}
