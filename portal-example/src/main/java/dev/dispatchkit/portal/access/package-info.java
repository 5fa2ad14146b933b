/** The one rule of who sees which work order: {@link dev.dispatchkit.portal.access.OrderAccess}. */
@NullMarked
package dev.dispatchkit.portal.access;

import org.jspecify.annotations.NullMarked;
