/**
 * Login, sessions and CSRF, and the mapping of a logged-in user to the provider or subscriber it
 * works for.
 */
@NullMarked
package dev.dispatchkit.portal.security;

import org.jspecify.annotations.NullMarked;
