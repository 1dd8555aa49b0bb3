namespace Balancer.Storage;

/// <summary>One batch read back from a tenant's journal.</summary>
/// <param name="Position">
/// Where the entry stands in the journal: larger for later appends, not dense, and shared by all tenants.
/// </param>
/// <param name="AppendedAt">When the batch was accepted, as given to the append, kept to the microsecond.</param>
/// <param name="Batch">The serialized batch, byte for byte as appended.</param>
public sealed record JournalEntry(long Position, DateTimeOffset AppendedAt, byte[] Batch);
