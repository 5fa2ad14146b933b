/**
 * Pure rules: NTE, expected date, response deadline and reschedule policies. The clock is always
 * passed in.
 */
@NullMarked
package dev.dispatchkit.rules;

import org.jspecify.annotations.NullMarked;
