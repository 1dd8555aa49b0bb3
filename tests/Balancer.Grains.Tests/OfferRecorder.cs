using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

/// <summary>An api host's stand-in for assignments: keeps every offer the dispatch grains push to it.</summary>
public sealed class OfferRecorder : IAssignmentObserver
{
    private readonly Lock _gate = new();
    private readonly List<ConversationOffer> _offers = [];

    public Task OnOffers(IReadOnlyList<ConversationOffer> offers)
    {
        lock (_gate)
        {
            _offers.AddRange(offers);
        }

        return Task.CompletedTask;
    }

    /// <summary>The offers pushed for one agent of one tenant, in the order they came.</summary>
    public IReadOnlyList<ConversationOffer> To(string tenantId, string agentId)
    {
        lock (_gate)
        {
            return [.. _offers.Where(o => o.TenantId == tenantId && o.AgentId == agentId)];
        }
    }

    /// <summary>(conversation, agent, attempt) of every offer pushed for the tenant, in order.</summary>
    public IReadOnlyList<(string Conversation, string Agent, int Attempt)> Made(string tenantId)
    {
        lock (_gate)
        {
            return
            [
                .. _offers.Where(o => o.TenantId == tenantId).Select(o => (o.ConversationId, o.AgentId, o.Attempt)),
            ];
        }
    }
}

/// <summary>A recorder listening for a tenant's agents, as an api host would while their streams are open.</summary>
public sealed class OfferListener : IDisposable
{
    private readonly IClusterClient _client;

    private OfferListener(IClusterClient client, OfferRecorder recorder, IAssignmentObserver reference)
    {
        _client = client;
        Recorder = recorder;
        Reference = reference;
    }

    public OfferRecorder Recorder { get; }

    public IAssignmentObserver Reference { get; }

    public static async Task<OfferListener> Start(IClusterClient client, string tenantId, params string[] agents)
    {
        var recorder = new OfferRecorder();
        var reference = client.CreateObjectReference<IAssignmentObserver>(recorder);
        var dispatch = client.GetGrain<IDispatchGrain>(tenantId);
        foreach (var agent in agents)
        {
            Assert.Empty(await dispatch.Listen(agent, reference).WaitAsync(Limits.Call));
        }

        return new OfferListener(client, recorder, reference);
    }

    public void Dispose()
    {
        _client.DeleteObjectReference<IAssignmentObserver>(Reference);
        GC.KeepAlive(Recorder);
    }
}
