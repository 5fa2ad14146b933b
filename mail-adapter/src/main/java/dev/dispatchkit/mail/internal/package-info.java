/**
 * Plumbing of the mail adapter: MIME reading, header and text decoding, IMAP UID commands. Not
 * exported by the module and not an API: hosts use {@code dev.dispatchkit.mail}.
 */
@NullMarked
package dev.dispatchkit.mail.internal;

import org.jspecify.annotations.NullMarked;
