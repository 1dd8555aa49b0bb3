namespace Balancer.Api.Hosting;

/// <summary>The api's log messages. Event ids 2000 to 2999; a retired id is never reused.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(2000, LogLevel.Debug, "Ingest stream from {Peer} ended after {Batches} batches")]
    public static partial void LogDebugStreamEnded(this ILogger logger, int batches, string peer);

    [LoggerMessage(2001, LogLevel.Information, "Subscribed to live updates from the cluster")]
    public static partial void LogInformationLiveSubscribed(this ILogger logger);

    [LoggerMessage(2002, LogLevel.Warning, "Could not renew the live subscription; retrying")]
    public static partial void LogWarningLiveRenewFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2003, LogLevel.Warning, "Could not push {Count} live updates to the dashboards")]
    public static partial void LogWarningLivePushFailed(this ILogger logger, Exception exception, int count);

    [LoggerMessage(2004, LogLevel.Information, "Balancer api running in {Mode} mode; not durable: {NotDurable}")]
    public static partial void LogInformationStarted(this ILogger logger, string mode, bool notDurable);

    [LoggerMessage(2005, LogLevel.Debug, "Dashboard {ConnectionId} joined tenant {TenantId}")]
    public static partial void LogDebugJoined(this ILogger logger, string connectionId, string tenantId);

    [LoggerMessage(2006, LogLevel.Debug, "Agent {TenantId}/{AgentId} connected for assignments from {Peer}")]
    public static partial void LogDebugAgentConnected(
        this ILogger logger, string tenantId, string agentId, string peer);

    [LoggerMessage(2007, LogLevel.Debug, "Agent {TenantId}/{AgentId} disconnected from assignments")]
    public static partial void LogDebugAgentDisconnected(this ILogger logger, string tenantId, string agentId);

    [LoggerMessage(2008, LogLevel.Warning, "Could not reach the dispatcher of tenant {TenantId} for agent {AgentId}")]
    public static partial void LogWarningDispatcherUnreachable(
        this ILogger logger, Exception exception, string tenantId, string agentId);

    [LoggerMessage(2009, LogLevel.Information,
        "Tenant {TenantId}: replaying the journal into epoch {Epoch}")]
    public static partial void LogInformationReplayStarted(this ILogger logger, string tenantId, long epoch);

    [LoggerMessage(2010, LogLevel.Information,
        "Tenant {TenantId}: replayed {Entries} journal entries, {Events} events applied, in {ElapsedMs} ms")]
    public static partial void LogInformationReplayed(
        this ILogger logger, string tenantId, int entries, long events, long elapsedMs);

    [LoggerMessage(2011, LogLevel.Warning, "Tenant {TenantId}: the rebuild failed; trying again in {DelayMs} ms")]
    public static partial void LogWarningReplayFailed(
        this ILogger logger, Exception exception, string tenantId, long delayMs);

    [LoggerMessage(2012, LogLevel.Error,
        "Tenant {TenantId}: journal entry {Position} could not be replayed and is skipped")]
    public static partial void LogErrorEntrySkipped(
        this ILogger logger, Exception exception, string tenantId, long position);

    [LoggerMessage(2013, LogLevel.Warning, "Could not sweep the journal's tenants for figures to rebuild")]
    public static partial void LogWarningSweepFailed(this ILogger logger, Exception exception);

    [LoggerMessage(2014, LogLevel.Debug,
        "Tenant {TenantId}: a batch of {Events} events refused, over its events a second; retry after {WaitMs} ms")]
    public static partial void LogDebugEventsThrottled(this ILogger logger, string tenantId, int events, long waitMs);

    [LoggerMessage(2015, LogLevel.Debug,
        "A call to {Path} by {Caller} refused, over its calls a second; retry after {WaitMs} ms")]
    public static partial void LogDebugCallsThrottled(this ILogger logger, string path, string caller, long waitMs);

    [LoggerMessage(2016, LogLevel.Information, "Live connection {ConnectionId} ended: {Problem}")]
    public static partial void LogInformationHubConnectionEnded(
        this ILogger logger, string connectionId, string problem);

    [LoggerMessage(2017, LogLevel.Warning,
        "Could not check the credential of live connection {ConnectionId}; it is checked again at the next round")]
    public static partial void LogWarningHubCheckFailed(this ILogger logger, Exception exception, string connectionId);
}
