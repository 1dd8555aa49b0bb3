namespace Balancer.Storage;

/// <summary>Each tenant's accepted batches, in the order they were appended, from which its figures are rebuilt.</summary>
public interface IEventJournal
{
    /// <summary>Appends one tenant's batch (serialized protobuf bytes); completes once it is committed.</summary>
    Task Append(
        string tenantId, ReadOnlyMemory<byte> batch, int events, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The tenant's entries after <paramref name="after"/> (a position; 0 for the start), oldest first.</summary>
    Task<IReadOnlyList<JournalEntry>> Read(string tenantId, long after, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes entries appended before <paramref name="before"/>; returns how many.</summary>
    Task<long> Trim(DateTimeOffset before, CancellationToken cancellationToken);
}

public sealed record JournalEntry(long Position, DateTimeOffset AppendedAt, byte[] Batch);
