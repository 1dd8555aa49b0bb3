using Balancer.Contracts.Model;

namespace Balancer.Contracts.Grains;

/// <summary>
/// A sequence's sends and what they caused, per step. Key: <see cref="GrainKeys.Of"/>(tenant, sequence).
/// </summary>
[Alias("balancer.ISequenceGrain")]
public interface ISequenceGrain : IGrainWithStringKey
{
    [Alias("Configure")]
    Task Configure(SequenceSettings settings);

    [Alias("Apply")]
    Task<SequenceApplied> Apply(SequenceSlice slice);

    /// <summary>Breaches that queues attribute to this sequence's steps.</summary>
    [Alias("RecordBreaches")]
    Task RecordBreaches(IReadOnlyList<StepBreaches> breaches, DateTimeOffset at);

    [Alias("GetFigures")]
    Task<SequenceFigures> GetFigures();
}
