using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains;

/// <summary>
/// The api hosts that want each agent's offers, each until its subscription lapses. Expiry runs on
/// real time, not on Balancer's clock: it measures how recently a host renewed, not the work.
/// </summary>
internal sealed class AgentListeners(TimeSpan expiry)
{
    private readonly Dictionary<string, Dictionary<IAssignmentObserver, long>> _byAgent =
        new(StringComparer.Ordinal);

    /// <summary>Subscribes or renews <paramref name="observer"/> for the agent's offers.</summary>
    public void Listen(string agentId, IAssignmentObserver observer)
    {
        if (!_byAgent.TryGetValue(agentId, out var observers))
        {
            observers = [];
            _byAgent.Add(agentId, observers);
        }

        observers[observer] = Environment.TickCount64 + (long)expiry.TotalMilliseconds;
    }

    public void Stop(string agentId, IAssignmentObserver observer)
    {
        if (_byAgent.TryGetValue(agentId, out var observers) && observers.Remove(observer) && observers.Count == 0)
        {
            _byAgent.Remove(agentId);
        }
    }

    /// <summary>The offers each host should receive, one list per host; lapsed subscriptions are dropped.</summary>
    public Dictionary<IAssignmentObserver, List<ConversationOffer>> Route(IEnumerable<ConversationOffer> offers)
    {
        var now = Environment.TickCount64;
        var byHost = new Dictionary<IAssignmentObserver, List<ConversationOffer>>();
        foreach (var offer in offers)
        {
            if (!_byAgent.TryGetValue(offer.AgentId, out var observers))
            {
                continue;
            }

            foreach (var (observer, until) in observers.ToList())
            {
                if (until <= now)
                {
                    Stop(offer.AgentId, observer);
                    continue;
                }

                if (!byHost.TryGetValue(observer, out var list))
                {
                    list = [];
                    byHost.Add(observer, list);
                }

                list.Add(offer);
            }
        }

        return byHost;
    }
}
