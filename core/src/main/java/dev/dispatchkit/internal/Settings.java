package dev.dispatchkit.internal;

import dev.dispatchkit.message.MailTemplates;
import dev.dispatchkit.reply.ReplyTokens;
import dev.dispatchkit.reply.Vocabulary;
import dev.dispatchkit.rules.DispatchPolicies;
import dev.dispatchkit.spi.AttachmentStore;
import dev.dispatchkit.spi.DispatchListener;
import dev.dispatchkit.spi.MailSender;
import dev.dispatchkit.spi.WorkOrderStore;
import dev.dispatchkit.workorder.ProviderId;
import dev.dispatchkit.workorder.WorkOrder;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** Every setting of a built DispatchKit, checked by its builder. */
public record Settings(
    WorkOrderStore store,
    MailSender mailSender,
    AttachmentStore attachments,
    Clock clock,
    ReplyTokens tokens,
    String fromAddress,
    String replyLocalPart,
    String replyDomain,
    Vocabulary vocabulary,
    DispatchPolicies policies,
    MailTemplates templates,
    DispatchListener listener,
    Set<String> trustedAuthServIds,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration lease,
    Set<String> allowedContentTypes,
    long maxAttachmentBytes,
    Function<WorkOrder, Optional<ProviderId>> fallbackProvider) {}
