/** DispatchKit mail adapter: Jakarta Mail SMTP sending, IMAP receiving and MIME parsing. */
@NullMarked
package dev.dispatchkit.mail;

import org.jspecify.annotations.NullMarked;
