using Balancer.Contracts.Model;

namespace Balancer.Contracts.Grains;

/// <summary>
/// A sequence's sends and what they caused, per step. Key: <see cref="GrainKeys.Of"/>(tenant, sequence).
/// </summary>
[Alias("balancer.ISequenceGrain")]
public interface ISequenceGrain : IRecoverableGrain
{
    [Alias("Configure")]
    Task Configure(SequenceSettings settings);

    [Alias("Apply")]
    Task<SequenceApplied> Apply(SequenceSlice slice);

    /// <summary>Breaches and human resolutions that queues attribute to this sequence's steps.</summary>
    /// <param name="epoch">The epoch of the queue's figures they come from (<see cref="SequenceSlice.Epoch"/>).</param>
    [Alias("RecordOutcomes")]
    Task RecordOutcomes(IReadOnlyList<StepOutcomes> outcomes, DateTimeOffset at, long epoch);

    [Alias("GetFigures")]
    Task<SequenceFigures> GetFigures();

    /// <summary>The tenant's latest decision for this sequence and the human work it may create.</summary>
    [Alias("Allow")]
    Task Allow(SequenceAllowance allowance);

    /// <summary>
    /// Grants how many of <paramref name="count"/> sends of <paramref name="step"/> may go now. A
    /// sender that sends only what is granted never exceeds the directive or the budget.
    /// </summary>
    [Alias("Admit")]
    Task<AdmissionResult> Admit(int step, int count);
}
