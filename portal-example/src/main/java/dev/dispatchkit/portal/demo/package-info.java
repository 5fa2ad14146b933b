/**
 * The demo profile: an embedded mail server, the seed clock and the twelve seeded work orders, and
 * the Mailbox page.
 */
@NullMarked
package dev.dispatchkit.portal.demo;

import org.jspecify.annotations.NullMarked;
