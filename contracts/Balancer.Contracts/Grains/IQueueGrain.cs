using Balancer.Contracts.Model;

namespace Balancer.Contracts.Grains;

/// <summary>
/// A queue and its open conversations in deadline order: depth, waits, first responses and
/// breaches. Key: <see cref="GrainKeys.Of"/>(tenant, queue).
/// </summary>
[Alias("balancer.IQueueGrain")]
public interface IQueueGrain : IRecoverableGrain
{
    [Alias("Configure")]
    Task Configure(QueueSettings settings);

    /// <summary>
    /// Applies one batch's events for this queue, in order; returns those it refused and the work
    /// they gave agents, for the caller to deliver.
    /// </summary>
    [Alias("Apply")]
    Task<QueueApplied> Apply(QueueSlice slice);

    [Alias("GetFigures")]
    Task<QueueFigures> GetFigures();
}
