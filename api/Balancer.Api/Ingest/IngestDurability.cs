using Balancer.Storage;

namespace Balancer.Api.Ingest;

/// <summary>
/// Whether batches are journaled before they are acknowledged, and who rebuilds a tenant's figures from the
/// journal when some were lost. Both are null where no PostgreSQL is configured: figures live in memory only.
/// </summary>
public sealed class IngestDurability(IEventJournal? journal, RecoveryRunner? runner)
{
    public static readonly IngestDurability None = new(null, null);

    public IEventJournal? Journal { get; } = journal;

    public RecoveryRunner? Runner { get; } = runner;
}
