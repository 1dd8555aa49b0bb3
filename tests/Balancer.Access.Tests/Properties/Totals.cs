using Balancer.Contracts.Api;

namespace Balancer.Access.Tests.Properties;

/// <summary>
/// Compares a tenant's figures over 24 hours with the totals of an <see cref="EventModel"/>: every event accepted
/// counted once, none refused counted at all. Each total is read until it matches, for a few seconds at most, since
/// met conversations and human resolutions reach the tenant and the sequences with the queues' next report.
/// </summary>
public static class Totals
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(5);

    public static async Task Expect(TenantClients tenant, EventModel model)
    {
        var query = tenant.Query;
        var expected = (model.Sends, model.HumanReplies, model.Met);
        var overview = await Waits.Until(
            () => query.GetTenantOverviewAsync(new TenantRequest(), deadline: Calls.Deadline()).ResponseAsync,
            o => (o.Sends.OneDay, o.HumanReplies.OneDay, o.Met.OneDay) == expected, Settle);
        Assert.Equal(expected, (overview.Sends.OneDay, overview.HumanReplies.OneDay, overview.Met.OneDay));

        foreach (var (id, _) in EventCatalog.Sequences)
        {
            var totals = model.Sequences.GetValueOrDefault(id) ?? new SequenceTotals();
            var view = await Waits.Until(
                () => query.GetSequenceAsync(new EntityRequest { Id = id }, deadline: Calls.Deadline()).ResponseAsync,
                v => Of(v) == totals, Settle);
            Assert.Equal(totals, Of(view));
        }

        foreach (var id in EventCatalog.Queues)
        {
            var totals = model.Queues.GetValueOrDefault(id) ?? new QueueTotals();
            var view = await query.GetQueueAsync(new EntityRequest { Id = id }, deadline: Calls.Deadline());
            Assert.Equal(
                totals,
                new QueueTotals
                {
                    Opened = view.Opened.OneDay, Waiting = view.Depth, Open = view.Open,
                    FirstResponses = view.FirstResponses.OneDay, Met = view.Met.OneDay,
                });
        }

        foreach (var id in EventCatalog.Agents)
        {
            var totals = model.Agents.GetValueOrDefault(id) ?? new AgentTotals();
            var view = await query.GetAgentAsync(new EntityRequest { Id = id }, deadline: Calls.Deadline());
            Assert.Equal(
                totals,
                new AgentTotals
                {
                    Presence = view.Presence, Held = view.SlotsInUse, FirstResponses = view.FirstResponses.OneDay,
                    Closures = view.Closures.OneDay,
                });
        }
    }

    private static SequenceTotals Of(SequenceView view) => new()
    {
        Sends = view.Total.Sends.OneDay,
        Replies = view.Total.Replies.OneDay,
        HumanReplies = view.Total.HumanReplies.OneDay,
        BotResolved = view.Total.BotResolved.OneDay,
        Escalated = view.Total.Escalated.OneDay,
        Conversions = view.Total.Conversions.OneDay,
        Resolved = view.Total.Resolved.OneDay,
    };
}
