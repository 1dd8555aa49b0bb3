using System.Threading.Channels;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Api.Assignments;

/// <summary>
/// This host's listener for offers: each dispatch grain pushes the offers of the agents whose streams
/// are open here to this one object, which hands each offer to its agent's streams. Thread-safe.
/// </summary>
/// <remarks>
/// A dispatch grain pushes only to the hosts that listen for the offer's agent, so with several api
/// hosts every offer travels once to each host where its agent is connected, and nowhere else.
/// </remarks>
public sealed class AssignmentRelay(IGrainFactory grains) : IAssignmentObserver, IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Tenant, string Agent), List<ChannelWriter<ConversationOffer>>> _streams = [];
    private IAssignmentObserver? _reference;

    /// <summary>The reference the dispatch grains call this host by, made on first use.</summary>
    public IAssignmentObserver Reference
    {
        get
        {
            lock (_lock)
            {
                return _reference ??= grains.CreateObjectReference<IAssignmentObserver>(this);
            }
        }
    }

    public Task OnOffers(IReadOnlyList<ConversationOffer> offers)
    {
        lock (_lock)
        {
            foreach (var offer in offers)
            {
                if (_streams.TryGetValue((offer.TenantId, offer.AgentId), out var writers))
                {
                    foreach (var writer in writers)
                    {
                        writer.TryWrite(offer);
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Sends the agent's offers that reach this host to <paramref name="writer"/>.</summary>
    public void Register(string tenantId, string agentId, ChannelWriter<ConversationOffer> writer)
    {
        lock (_lock)
        {
            if (!_streams.TryGetValue((tenantId, agentId), out var writers))
            {
                writers = [];
                _streams.Add((tenantId, agentId), writers);
            }

            writers.Add(writer);
        }
    }

    /// <returns>True when it was the agent's last stream on this host.</returns>
    public bool Unregister(string tenantId, string agentId, ChannelWriter<ConversationOffer> writer)
    {
        lock (_lock)
        {
            if (!_streams.TryGetValue((tenantId, agentId), out var writers) || !writers.Remove(writer))
            {
                return false;
            }

            if (writers.Count > 0)
            {
                return false;
            }

            _streams.Remove((tenantId, agentId));
            return true;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_reference is { } reference)
            {
                grains.DeleteObjectReference<IAssignmentObserver>(reference);
                _reference = null;
            }
        }
    }
}
