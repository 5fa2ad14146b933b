package dev.dispatchkit.benchmarks.soak;

/**
 * A work order's service request as the provider received it: what a reply answers.
 *
 * @param trackingNumber the work order's tracking number
 * @param providerAddress the provider's dispatch address, the reply's sender
 * @param replyTo the request's Reply-To, with the reply token
 * @param requestMessageId the request's Message-ID
 * @param subject the request's subject
 */
record DispatchedOrder(
    String trackingNumber,
    String providerAddress,
    String replyTo,
    String requestMessageId,
    String subject) {}
