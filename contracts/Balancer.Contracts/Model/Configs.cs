namespace Balancer.Contracts.Model;

/// <param name="Live">
/// A live chat queue, where customers wait in real time; its oldest wait drives the live-wait guard.
/// </param>
[GenerateSerializer, Immutable, Alias("balancer.QueueSettings")]
public sealed record QueueSettings(TimeSpan ReplyWindow, string DisplayName, bool Live = false);

[GenerateSerializer, Immutable, Alias("balancer.AgentSettings")]
public sealed record AgentSettings(AgentTier Tier, int Slots, int DailyCeiling, string DisplayName);

[GenerateSerializer, Immutable, Alias("balancer.SequenceStepSettings")]
public sealed record SequenceStepSettings(TimeSpan Delay, string Name);

/// <param name="QueueId">
/// The queue its replies usually land in, where staffing advice forecasts them; empty when unsaid.
/// </param>
[GenerateSerializer, Immutable, Alias("balancer.SequenceSettings")]
public sealed record SequenceSettings(
    Channel Channel,
    string TriggerSource,
    bool Urgent,
    IReadOnlyList<SequenceStepSettings> Steps,
    string DisplayName,
    string QueueId = "");

/// <summary>What a tenant has configured; events may name only these.</summary>
/// <param name="SequenceSteps">Each sequence's number of steps, by sequence id.</param>
/// <param name="Routed">
/// The tenant has routing rules: replies without a queue are routed, and its conversations are assigned.
/// </param>
[GenerateSerializer, Immutable, Alias("balancer.TenantCatalog")]
public sealed record TenantCatalog(
    long Version,
    IReadOnlySet<string> QueueIds,
    IReadOnlySet<string> AgentIds,
    IReadOnlyDictionary<string, int> SequenceSteps,
    bool Routed = false)
{
    public static readonly TenantCatalog Empty =
        new(0, new HashSet<string>(), new HashSet<string>(), new Dictionary<string, int>());
}
