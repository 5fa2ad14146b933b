/** The service request and notification emails, in French and English. */
@NullMarked
package dev.dispatchkit.message;

import org.jspecify.annotations.NullMarked;
