/**
 * The pages: the work order list, the order page and its commands, the note form, downloads, the
 * review queue.
 */
@NullMarked
package dev.dispatchkit.portal.web;

import org.jspecify.annotations.NullMarked;
