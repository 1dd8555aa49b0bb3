using Balancer.Capacity;
using Balancer.Contracts.Model;

namespace Balancer.Grains;

/// <summary>
/// Prices each sequence's sends in human work and shares the tenant's spare capacity among them,
/// from the same live figures the cadence controller decides on.
/// </summary>
internal static class Allowances
{
    /// <param name="tenantHumanRepliesPerHour">All human replies of the last hour, sequences' or not.</param>
    public static IReadOnlyList<SequenceAllowance> Build(
        IReadOnlyCollection<SequenceDirective> directives,
        IReadOnlyCollection<QueueFigures> queues,
        IReadOnlyCollection<SequenceFigures> sequences,
        IReadOnlyCollection<AgentFigures> agents,
        long tenantHumanRepliesPerHour,
        TimeSpan defaultHandleTime)
    {
        var byId = sequences.ToDictionary(s => s.SequenceId, StringComparer.Ordinal);
        if (agents.Count == 0)
        {
            // No agent configured: human capacity is unknown rather than nil, so admission bounds
            // the sends by their directive alone.
            return [.. directives.Select(d => new SequenceAllowance(d, 0, 0))];
        }

        var capacities = agents.Select(a => new AgentCapacity(
                a.Presence == Presence.Online, a.Slots, a.DailyCeiling - a.RepliesToday,
                a.HandleSeconds is { } s ? TimeSpan.FromSeconds(s) : null))
            .ToList();
        var handle = HumanCapacity.TeamHandleTime(capacities, defaultHandleTime);
        var governed = sequences.Sum(s => s.Total.HumanReplies.OneHour);
        var spare = HumanCapacity.SpareMinutesPerHour(
            HumanCapacity.MinutesPerHour(capacities, defaultHandleTime),
            Math.Max(0, tenantHumanRepliesPerHour - governed),
            queues.Select(q => new QueueBacklog(q.Depth, TimeSpan.FromSeconds(q.ReplyWindowSeconds))),
            handle);
        var loads = directives
            .Where(d => byId.ContainsKey(d.SequenceId))
            .Select(d =>
            {
                var total = byId[d.SequenceId].Total;
                var perSend = HumanCapacity.MinutesPerSend(total.ReplyRate.OneDay, total.HumanShare.OneDay, handle);
                return new SequenceLoad(d.SequenceId, total.Sends.OneHour, perSend, d.Grade.ToGrade(), d.StretchFactor);
            })
            .ToList();
        var budgets = AdmissionBudget.Allot(spare, loads).ToDictionary(b => b.SequenceId, StringComparer.Ordinal);
        return
        [
            .. directives.Where(d => budgets.ContainsKey(d.SequenceId)).Select(d => new SequenceAllowance(
                d, budgets[d.SequenceId].MinutesPerSend, budgets[d.SequenceId].MinutesPerHour)),
        ];
    }
}
