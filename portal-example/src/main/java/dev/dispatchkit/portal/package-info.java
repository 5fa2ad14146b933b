/**
 * The provider and client portal: a Spring Boot application on the DispatchKit facade and starter,
 * not a published library. Start at {@link dev.dispatchkit.portal.PortalApplication}.
 */
@NullMarked
package dev.dispatchkit.portal;

import org.jspecify.annotations.NullMarked;
