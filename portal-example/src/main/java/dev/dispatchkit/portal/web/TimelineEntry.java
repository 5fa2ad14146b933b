package dev.dispatchkit.portal.web;

import java.time.Instant;

/**
 * One line of an order's timeline, ready to show.
 *
 * @param at when it happened
 * @param kind the event's kind, as a CSS class and a test hook
 * @param title what happened, in the page's language
 * @param detail the words that came with it (a note, a reason); empty for none
 */
public record TimelineEntry(Instant at, String kind, String title, String detail) {}
