/**
 * Inbound messages and how a provider's reply is understood: trimming, vocabulary, classification
 * and reply tokens.
 */
@NullMarked
package dev.dispatchkit.reply;

import org.jspecify.annotations.NullMarked;
