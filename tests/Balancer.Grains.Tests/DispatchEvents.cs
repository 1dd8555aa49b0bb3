using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;

namespace Balancer.Grains.Tests;

/// <summary>Short spellings of what the api sends a dispatch grain, and of a routed tenant's setup.</summary>
public static class DispatchEvents
{
    public static readonly RoutingRuleSettings Rules = new(
        ["password_reset"], 2, "senior", 5_000m, 2, TimeSpan.FromDays(30), "overflow");

    public static DispatchEvent Route(
        int index, string conversationId, string contactId, DateTimeOffset at, string intent = "",
        decimal value = 0m, bool complaint = false, string transcript = "") =>
        new(DispatchEventKind.Route, index, at, conversationId, "", "",
            new ReplyFacts(contactId, "welcome", 2, intent, value, complaint, transcript, 0), false);

    public static DispatchEvent Open(
        int index, string conversationId, string queueId, DateTimeOffset at, string contactId = "",
        int touches = 0) =>
        new(DispatchEventKind.Open, index, at, conversationId, queueId, "",
            new ReplyFacts(contactId, "welcome", 1, "", 0m, false, "", touches), false);

    public static DispatchEvent Respond(int index, string conversationId, string agentId, DateTimeOffset at) =>
        new(DispatchEventKind.Respond, index, at, conversationId, "", agentId, null, false);

    public static DispatchEvent Resolve(int index, string conversationId, DateTimeOffset at) =>
        new(DispatchEventKind.Resolve, index, at, conversationId, "", "", null, false);

    public static DispatchEvent Presence(int index, string agentId, bool online, DateTimeOffset at) =>
        new(DispatchEventKind.Presence, index, at, "", "", agentId, null, online);

    public static DispatchSlice Slice(params DispatchEvent[] events) => new(events);

    /// <summary>
    /// A tenant with the queues given and "senior" and "overflow" of an hour unless given, a two-step sequence
    /// "welcome" triggered by sign-ups, the agents given, and routing by <paramref name="control"/>.
    /// </summary>
    public static async Task<IDispatchGrain> Routed(
        IClusterClient client, string tenantId, IEnumerable<(string Id, AgentSettings Settings)> agents,
        RoutingRuleSettings? control = null, RoutingRuleSettings? trial = null, int trialPercent = 0,
        params (string Id, int WindowSeconds)[] queues)
    {
        var tenant = client.GetGrain<ITenantGrain>(tenantId);
        var defaults = new[] { ("senior", 3600), ("overflow", 3600) }.Where(d => queues.All(q => q.Id != d.Item1));
        foreach (var (id, window) in queues.Concat(defaults))
        {
            await tenant.UpsertQueue(id, Events.Queue(window)).WaitAsync(Limits.Call);
        }

        await tenant.UpsertSequence("welcome", Events.Sequence(steps: 2)).WaitAsync(Limits.Call);
        foreach (var (id, settings) in agents)
        {
            await tenant.UpsertAgent(id, settings).WaitAsync(Limits.Call);
        }

        Assert.True(await tenant.SetRouting(new RoutingSettings(control ?? Rules, trial, trialPercent))
            .WaitAsync(Limits.Call));
        return client.GetGrain<IDispatchGrain>(tenantId);
    }

    public static (string, AgentSettings) Agent(
        string id, int slots, AgentTier tier = AgentTier.Standard, int ceiling = 30) =>
        (id, new AgentSettings(tier, slots, ceiling, id));
}
