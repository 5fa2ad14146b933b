/** Ports that adapters implement, with their typed exceptions. */
@NullMarked
package dev.dispatchkit.spi;

import org.jspecify.annotations.NullMarked;
