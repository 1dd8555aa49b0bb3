using Balancer.Contracts.Model;

namespace Balancer.Contracts.Grains;

/// <summary>
/// A tenant's catalog of queues, agents and sequences, its rollup and its warnings. Key: the tenant id.
/// </summary>
[Alias("balancer.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <returns>True when the queue is new.</returns>
    [Alias("UpsertQueue")]
    Task<bool> UpsertQueue(string queueId, QueueSettings settings);

    [Alias("UpsertAgent")]
    Task<bool> UpsertAgent(string agentId, AgentSettings settings);

    [Alias("UpsertSequence")]
    Task<bool> UpsertSequence(string sequenceId, SequenceSettings settings);

    /// <summary>
    /// Gives the tenant's dispatch grain its routing rules; the first call makes the tenant routed.
    /// </summary>
    /// <returns>True when the tenant had no rules before.</returns>
    [Alias("SetRouting")]
    Task<bool> SetRouting(RoutingSettings settings);

    [Alias("GetCatalog")]
    Task<TenantCatalog> GetCatalog();

    /// <summary>Adds what a batch or a queue's report changed; <paramref name="at"/> is when.</summary>
    [Alias("Record")]
    Task Record(TenantActivityReport activity, DateTimeOffset at);

    /// <summary>A queue's warning went up or down; the tenant keeps it among its current warnings.</summary>
    [Alias("ReportWarning")]
    Task ReportWarning(LiveWarning warning);

    [Alias("GetFigures")]
    Task<TenantFigures> GetFigures();

    /// <summary>Each sequence's directive now, and the latest changes, newest first.</summary>
    [Alias("GetDirectives")]
    Task<DirectiveReport> GetDirectives();
}
