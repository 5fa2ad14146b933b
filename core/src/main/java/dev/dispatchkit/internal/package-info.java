/** Use-case implementations. Not exported and not part of the supported API. */
@NullMarked
package dev.dispatchkit.internal;

import org.jspecify.annotations.NullMarked;
