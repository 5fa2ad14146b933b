/**
 * {@link dev.dispatchkit.devserver.DevMailServer}: an embedded SMTP and IMAP server for local
 * development and host tests, with the matching {@code JakartaMail} builders.
 */
@NullMarked
package dev.dispatchkit.devserver;

import org.jspecify.annotations.NullMarked;
