namespace Balancer.Contracts.Model;

[GenerateSerializer, Immutable, Alias("balancer.QueueFigures")]
public sealed record QueueFigures(
    string TenantId,
    string QueueId,
    string DisplayName,
    int ReplyWindowSeconds,
    int Depth,
    int Open,
    double? OldestWaitSeconds,
    double? NextBreachInSeconds,
    Rates FirstResponseP50Seconds,
    Rates FirstResponseP90Seconds,
    Rates BreachRate,
    Counts Met,
    Counts Breached,
    Counts FirstResponses,
    double? TimeToClearSeconds,
    WarningLevel Level,
    Counts Opened,
    DateTimeOffset At,
    bool Live = false);

[GenerateSerializer, Immutable, Alias("balancer.StepFigures")]
public sealed record StepFigures(
    int Step,
    Counts Sends,
    Counts Replies,
    Counts HumanReplies,
    Counts BotResolved,
    Counts Escalated,
    Counts Conversions,
    Counts Breaches,
    Rates ReplyRate,
    Rates HumanShare,
    IReadOnlyDictionary<Channel, Counts> SendsByChannel,
    Counts Resolved);

[GenerateSerializer, Immutable, Alias("balancer.SequenceFigures")]
public sealed record SequenceFigures(
    string TenantId,
    string SequenceId,
    string DisplayName,
    Channel Channel,
    string TriggerSource,
    bool Urgent,
    int StepCount,
    StepFigures Total,
    IReadOnlyList<StepFigures> Steps,
    Counts Entries,
    Counts RepeatEntries,
    DateTimeOffset At,
    AdmissionFigures? Admission = null,
    string QueueId = "",
    IReadOnlyList<TimeSpan>? StepDelays = null,
    SequencePace? Pace = null);

/// <summary>What the cadence controller's look-ahead reads of a sequence beyond its windows.</summary>
/// <param name="Sends">Sends since its grain started.</param>
/// <param name="HumanReplies">Replies needing a human since then, escalations included.</param>
/// <param name="ReplyLagSeconds">Mean time from a send to its reply over the last day, sampled.</param>
/// <param name="Waiting">Sends its senders asked for and were not yet granted, by their latest requests.</param>
[GenerateSerializer, Immutable, Alias("balancer.SequencePace")]
public sealed record SequencePace(
    long Sends, long HumanReplies, DateTimeOffset? FirstSendAt, double? ReplyLagSeconds, long Waiting);

[GenerateSerializer, Immutable, Alias("balancer.AgentFigures")]
public sealed record AgentFigures(
    string TenantId,
    string AgentId,
    string DisplayName,
    AgentTier Tier,
    Presence Presence,
    int Slots,
    int SlotsInUse,
    int DailyCeiling,
    int RepliesToday,
    Counts FirstResponses,
    Counts Closures,
    double? EscalatedShare,
    DateTimeOffset At,
    double? HandleSeconds = null);

[GenerateSerializer, Immutable, Alias("balancer.TenantFigures")]
public sealed record TenantFigures(
    string TenantId,
    Rates BreachRate,
    Counts Met,
    Counts Breached,
    Counts Sends,
    Counts HumanReplies,
    Rates SendsPerHumanReply,
    Rates EscalationRate,
    Rates RepeatEngagement,
    IReadOnlyList<LiveWarning> Warnings,
    TenantCatalog Catalog,
    DateTimeOffset At);

/// <summary>A figure that crossed a threshold, up or back down; pushed to the live views as it happens.</summary>
/// <param name="Scope">"queue" or "tenant".</param>
/// <param name="SubjectId">The queue id, or the tenant id for tenant-wide figures.</param>
/// <param name="Threshold">The threshold of the level reached, or of the level left on a recovery.</param>
/// <param name="PredictedBreachInSeconds">
/// Until the queue's next waiting conversation breaches, where one waits.
/// </param>
[GenerateSerializer, Immutable, Alias("balancer.LiveWarning")]
public sealed record LiveWarning(
    string TenantId,
    string Scope,
    string SubjectId,
    WarningMetric Metric,
    WarningLevel Level,
    WarningLevel PreviousLevel,
    double Value,
    double Threshold,
    double? PredictedBreachInSeconds,
    DateTimeOffset RaisedAt,
    string Message)
{
    public const string QueueScope = "queue";
    public const string TenantScope = "tenant";

    /// <summary>Identifies the figure the warning is about, so a newer warning replaces an older one.</summary>
    public string Key => $"{Scope}/{SubjectId}/{Metric}";
}

/// <summary>One change worth showing, on its way from a grain to the live views of its tenant.</summary>
[GenerateSerializer, Immutable, Alias("balancer.LiveUpdate")]
public sealed record LiveUpdate(
    string TenantId,
    LiveWarning? Warning,
    QueueFigures? Queue,
    SequenceFigures? Sequence,
    SequenceDirective? Directive = null);

/// <summary>The updates the notifier gathered in one flush.</summary>
[GenerateSerializer, Immutable, Alias("balancer.LiveBatch")]
public sealed record LiveBatch(IReadOnlyList<LiveUpdate> Updates);
