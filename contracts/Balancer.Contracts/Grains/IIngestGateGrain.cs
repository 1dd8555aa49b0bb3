using Balancer.Contracts.Model;

namespace Balancer.Contracts.Grains;

/// <summary>
/// The door every batch of a tenant passes before it reaches the grains: remembers the event ids
/// lately accepted, so a batch sent again counts once, and hands out the epoch the batch is for.
/// Closed while the tenant's figures are rebuilt. Key: the tenant id.
/// </summary>
[Alias("balancer.IIngestGateGrain")]
public interface IIngestGateGrain : IRecoverableGrain
{
    /// <summary>
    /// Remembers <paramref name="ids"/> (<c>EventIdHash</c> fingerprints) and says which were seen already.
    /// A live batch passes <paramref name="replayEpoch"/> null and is refused with
    /// <see cref="TenantRecoveringException"/> while the gate is closed; a replay passes its lease's epoch and
    /// the time the batch was journaled, <paramref name="at"/>, so ids expire as they did live.
    /// </summary>
    [Alias("Claim")]
    Task<GateClaim> Claim(EventIds ids, DateTimeOffset? at, long? replayEpoch);

    /// <summary>Forgets ids whose batch was not applied, where there is no journal to rebuild from.</summary>
    [Alias("Release")]
    Task Release(EventIds ids);

    /// <summary>Stops live batches until <see cref="Open"/>: the tenant's figures must be rebuilt.</summary>
    [Alias("Close")]
    Task Close();

    /// <summary>Lets live batches in again, for <paramref name="epoch"/>.</summary>
    [Alias("Open")]
    Task Open(long epoch);
}
