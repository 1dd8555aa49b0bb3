using System.Threading.Channels;
using Balancer.Contracts.Model;

namespace Balancer.Api.Live;

/// <summary>
/// Hands each directive change that reaches this host to the ingest streams open on it for the
/// directive's tenant. Thread-safe.
/// </summary>
public sealed class DirectiveFeed
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<ChannelWriter<SequenceDirective>>> _byTenant =
        new(StringComparer.Ordinal);

    /// <summary>Sends the tenant's directive changes to <paramref name="writer"/> until disposed.</summary>
    public IDisposable Subscribe(string tenantId, ChannelWriter<SequenceDirective> writer)
    {
        lock (_lock)
        {
            if (!_byTenant.TryGetValue(tenantId, out var writers))
            {
                writers = [];
                _byTenant.Add(tenantId, writers);
            }

            writers.Add(writer);
        }

        return new Subscription(this, tenantId, writer);
    }

    public void Publish(SequenceDirective directive)
    {
        lock (_lock)
        {
            if (_byTenant.TryGetValue(directive.TenantId, out var writers))
            {
                foreach (var writer in writers)
                {
                    writer.TryWrite(directive);
                }
            }
        }
    }

    private void Remove(string tenantId, ChannelWriter<SequenceDirective> writer)
    {
        lock (_lock)
        {
            if (_byTenant.TryGetValue(tenantId, out var writers) && writers.Remove(writer) && writers.Count == 0)
            {
                _byTenant.Remove(tenantId);
            }
        }
    }

    private sealed class Subscription(DirectiveFeed feed, string tenantId, ChannelWriter<SequenceDirective> writer)
        : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                feed.Remove(tenantId, writer);
            }
        }
    }
}
