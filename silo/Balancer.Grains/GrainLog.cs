using Microsoft.Extensions.Logging;

namespace Balancer.Grains;

/// <summary>The grains' log messages. Event ids 1000 to 1999; a retired id is never reused.</summary>
internal static partial class GrainLog
{
    [LoggerMessage(
        1000,
        LogLevel.Information,
        "Queue {TenantId}/{QueueId} configured with a reply window of {ReplyWindow}")]
    public static partial void LogInformationQueueConfigured(
        this ILogger logger, string tenantId, string queueId, TimeSpan replyWindow);

    [LoggerMessage(1001, LogLevel.Debug, "Queue {TenantId}/{QueueId} counted {Count} breaches")]
    public static partial void LogDebugBreaches(this ILogger logger, string tenantId, string queueId, int count);

    [LoggerMessage(1002, LogLevel.Information,
        "Tenant {TenantId}, {Scope} {SubjectId}: {Metric} {Value:F3} moved from {Previous} to {Level}")]
    public static partial void LogInformationWarning(
        this ILogger logger, string tenantId, string scope, string subjectId, string metric, double value,
        string previous, string level);

    [LoggerMessage(1003, LogLevel.Warning, "Queue {TenantId}/{QueueId} could not pass on its figures")]
    public static partial void LogWarningQueueReportFailed(
        this ILogger logger, Exception exception, string tenantId, string queueId);

    [LoggerMessage(1004, LogLevel.Information, "Sequence {TenantId}/{SequenceId} configured with {Steps} steps")]
    public static partial void LogInformationSequenceConfigured(
        this ILogger logger, string tenantId, string sequenceId, int steps);

    [LoggerMessage(1005, LogLevel.Information, "Agent {TenantId}/{AgentId} configured: {Tier}, {Slots} slots")]
    public static partial void LogInformationAgentConfigured(
        this ILogger logger, string tenantId, string agentId, string tier, int slots);

    [LoggerMessage(1006, LogLevel.Warning, "The notifier could not reach the live registry")]
    public static partial void LogWarningRegistryUnreachable(this ILogger logger, Exception exception);

    [LoggerMessage(1007, LogLevel.Trace, "The notifier sent {Count} updates to {Observers} api hosts")]
    public static partial void LogTraceFlushed(this ILogger logger, int count, int observers);

    [LoggerMessage(1008, LogLevel.Information, "Api host subscribed to live updates; {Count} now listening")]
    public static partial void LogInformationObserverSubscribed(this ILogger logger, int count);

    [LoggerMessage(1009, LogLevel.Warning, "Tenant {TenantId} could not publish a live update")]
    public static partial void LogWarningPublishFailed(this ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(1010, LogLevel.Information,
        "Tenant {TenantId}, sequence {SequenceId}: directive moved from {Previous} to {Grade}: {Reason}")]
    public static partial void LogInformationDirective(
        this ILogger logger, string tenantId, string sequenceId, string previous, string grade, string reason);

    [LoggerMessage(1011, LogLevel.Warning, "Tenant {TenantId} could not gather its figures to rebalance")]
    public static partial void LogWarningRebalanceFailed(this ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(1012, LogLevel.Information,
        "Tenant {TenantId} routes by new rules, {TrialPercent}% of contacts on the trial rules")]
    public static partial void LogInformationRoutingConfigured(this ILogger logger, string tenantId, int trialPercent);

    [LoggerMessage(1013, LogLevel.Debug, "Tenant {TenantId} offered {Count} conversations")]
    public static partial void LogDebugOffers(this ILogger logger, string tenantId, int count);

    [LoggerMessage(1014, LogLevel.Warning, "Tenant {TenantId} could not read the presence of agent {AgentId}")]
    public static partial void LogWarningPresenceUnread(
        this ILogger logger, Exception exception, string tenantId, string agentId);

    [LoggerMessage(1015, LogLevel.Warning,
        "Tenant {TenantId}: conversation {ConversationId} opened in queue {QueueId}, unknown to its dispatcher")]
    public static partial void LogWarningUnknownQueue(
        this ILogger logger, string tenantId, string conversationId, string queueId);

    [LoggerMessage(1016, LogLevel.Warning, "Tenant {TenantId} could not push offers to an api host")]
    public static partial void LogWarningOffersUnsent(this ILogger logger, Exception exception, string tenantId);

    [LoggerMessage(1017, LogLevel.Warning,
        "Tenant {TenantId}: {Grain} lost the figures it held; they will be rebuilt from the journal")]
    public static partial void LogWarningFiguresLost(this ILogger logger, string tenantId, string grain);

    [LoggerMessage(1018, LogLevel.Information,
        "Tenant {TenantId} is rebuilding its figures from the journal, in epoch {Epoch}")]
    public static partial void LogInformationRecoveryBegun(this ILogger logger, string tenantId, long epoch);

    [LoggerMessage(1019, LogLevel.Information, "Tenant {TenantId} rebuilt its figures; epoch {Epoch} takes batches")]
    public static partial void LogInformationRecoveryEnded(this ILogger logger, string tenantId, long epoch);
}
