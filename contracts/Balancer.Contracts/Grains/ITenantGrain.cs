using Balancer.Contracts.Model;
using Orleans.Concurrency;

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

    /// <summary>
    /// Adds what a batch or a queue's report changed; <paramref name="at"/> is when, and <paramref name="epoch"/>
    /// the epoch of the figures it comes from (see <see cref="SequenceSlice.Epoch"/>).
    /// </summary>
    [Alias("Record")]
    Task Record(TenantActivityReport activity, DateTimeOffset at, long epoch);

    /// <summary>The epoch of the tenant's figures, and whether they are being rebuilt.</summary>
    [Alias("GetEpoch"), AlwaysInterleave]
    Task<EpochStatus> GetEpoch();

    /// <summary>
    /// A grain of the tenant activated without the figures it held in <paramref name="epoch"/>, since its silo
    /// was lost: the tenant closes its gate until its figures are rebuilt. A loss in an epoch a rebuild has
    /// left behind already is ignored.
    /// </summary>
    [Alias("ReportLoss"), OneWay]
    Task ReportLoss(string grain, long epoch);

    /// <summary>
    /// Starts a rebuild: moves to the next epoch, resets every grain of the tenant and its own rollup, and
    /// returns the lease for replaying the journal; null while another holder's lease is unexpired.
    /// </summary>
    /// <param name="holder">
    /// The rebuild's own id, chosen by its host and kept for every attempt. The same holder asking again takes
    /// its lease over at once, in the next epoch: a rebuild that failed part way, or whose call failed after the
    /// lease was taken so that the lease never reached it, starts again rather than wait for it to run out.
    /// </param>
    [Alias("BeginRecovery")]
    Task<RecoveryLease?> BeginRecovery(Guid holder);

    /// <summary>Extends the lease; null when it is no longer the current one.</summary>
    [Alias("RenewRecovery")]
    Task<RecoveryLease?> RenewRecovery(Guid token);

    /// <summary>The journal is replayed: opens the gate to live batches of the lease's epoch.</summary>
    /// <returns>False when the lease is no longer the current one; the rebuild then goes on under another.</returns>
    [Alias("EndRecovery")]
    Task<bool> EndRecovery(Guid token);

    /// <summary>A queue's warning went up or down; the tenant keeps it among its current warnings.</summary>
    [Alias("ReportWarning")]
    Task ReportWarning(LiveWarning warning);

    [Alias("GetFigures")]
    Task<TenantFigures> GetFigures();

    /// <summary>Each sequence's directive now, and the latest changes, newest first.</summary>
    [Alias("GetDirectives")]
    Task<DirectiveReport> GetDirectives();
}
