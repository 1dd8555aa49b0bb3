using System.Collections.Concurrent;
using Balancer.Storage;

namespace Balancer.Access.Tests;

/// <summary>
/// A journal in memory that commits every append at once and counts what each tenant's appends carried: with it,
/// the host takes the journaled path of ingest, and a test sees exactly which events were journaled.
/// </summary>
public sealed class RecordingJournal : IEventJournal
{
    private readonly ConcurrentDictionary<string, int> _events = new(StringComparer.Ordinal);

    /// <summary>The events journaled for <paramref name="tenantId"/>.</summary>
    public int EventsOf(string tenantId) => _events.GetValueOrDefault(tenantId);

    public Task Append(
        string tenantId, ReadOnlyMemory<byte> batch, int events, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _events.AddOrUpdate(tenantId, events, (_, known) => known + events);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<JournalEntry>> Read(
        string tenantId, long after, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<JournalEntry>>([]);

    public Task<IReadOnlyList<string>> Tenants(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);

    public Task<long> Trim(DateTimeOffset before, CancellationToken cancellationToken) => Task.FromResult(0L);
}
