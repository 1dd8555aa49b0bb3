namespace Balancer.Storage;

/// <summary>
/// The per-tenant journal of accepted event batches. The api appends each batch before it acknowledges it, so
/// that a tenant's figures, held in memory by the grains, can be rebuilt by replaying the journal after a silo
/// is lost. Every method throws <see cref="JournalUnavailableException"/> when the storage behind it cannot be
/// reached, refuses the command or does not answer in time; none waits longer than its configured timeout.
/// </summary>
public interface IEventJournal
{
    /// <summary>
    /// Appends one tenant's batch (serialized protobuf bytes); completes once it is committed. A caller whose
    /// append is cancelled, or times out, cannot tell whether it was written: it may still be, so a replay must
    /// tolerate a batch journaled twice.
    /// </summary>
    /// <param name="tenantId">The tenant whose journal takes the batch.</param>
    /// <param name="batch">The batch as the api received it; copied before this returns.</param>
    /// <param name="events">How many events the batch carries, kept beside it.</param>
    /// <param name="at">When the batch was accepted; trimming goes by it.</param>
    /// <param name="cancellationToken">Stops waiting for the commit; the batch may still be written.</param>
    Task Append(
        string tenantId,
        ReadOnlyMemory<byte> batch,
        int events,
        DateTimeOffset at,
        CancellationToken cancellationToken);

    /// <summary>
    /// The tenant's entries after <paramref name="after"/> (a position; 0 for the start), oldest first, at most
    /// <paramref name="limit"/>. To page, pass the last entry's position as the next <paramref name="after"/>.
    /// </summary>
    Task<IReadOnlyList<JournalEntry>> Read(
        string tenantId, long after, int limit, CancellationToken cancellationToken);

    /// <summary>The tenants with entries, in no particular order.</summary>
    Task<IReadOnlyList<string>> Tenants(CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the entries of every tenant appended before <paramref name="before"/>; returns how many.
    /// </summary>
    Task<long> Trim(DateTimeOffset before, CancellationToken cancellationToken);
}
