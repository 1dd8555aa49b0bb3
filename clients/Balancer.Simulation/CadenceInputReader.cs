using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>
/// Reads the controller's inputs from the ledgers, the board and the sender, as the tenant's grain
/// would read them from its queues, sequences and agents: every figure is a measurement, none is
/// taken from the scenario.
/// </summary>
internal sealed class CadenceInputReader(RunContext context, Desk desk, Sender sender, ArrivalProfile profile)
{
    /// <summary>How far ahead the roster is read: a day, so the look-ahead sees the next morning.</summary>
    private const int RosterHours = 24;

    public CadenceInput Read(DateTimeOffset now)
    {
        var thresholds = context.Thresholds;
        var window = thresholds.WarningWindow;
        var level = Severity.Normal;
        var queues = new List<QueueSignal>();
        TimeSpan? chatWait = null;
        foreach (var spec in context.Scenario.Queues)
        {
            var ledger = context.Queues[spec.Id];
            var rate = ledger.BreachRate(window, now, thresholds.MinimumSample);
            var tracker = context.QueueLevels[spec.Id];
            tracker.Update(rate);
            level = Max(level, tracker.Level);
            var recent = ledger.BreachRate(RollingWindow.FifteenMinutes, now, thresholds.MinimumSample);
            var hour = ledger.BreachRate(RollingWindow.OneHour, now, thresholds.MinimumSample);
            var chat = spec.Channel == Channel.Chat;
            if (chat && ledger.OldestWait(now) is { } wait && (chatWait is null || wait > chatWait))
            {
                chatWait = wait;
            }

            queues.Add(new QueueSignal(
                spec.Id, ledger.ReplyWindow, chat, ledger.Waiting, rate, recent - hour, ledger.TimeToClear(now),
                context.Tally.MeasuredHandleTime(spec.Id, now)));
        }

        var tenant = context.Tenant;
        tenant.BreachLevel.Update(tenant.BreachRate(window, now));
        tenant.SendsLevel.Update(tenant.SendsPerHumanReply(window, now));
        level = Max(level, tenant.BreachLevel.Level);

        var handle = context.Tally.MeasuredHandleTime(now);
        double Arrivals(bool chat) => context.Scenario.Queues.Where(q => (q.Channel == Channel.Chat) == chat)
            .Sum(q => context.Opened[q.Id].Sum(RollingWindow.OneHour, now));
        var input = new CadenceInput(
            now, level, tenant.SendsLevel.Level > Severity.Normal, chatWait, Sequences(now, handle), Team(now, handle),
            queues, Arrivals(chat: false), ChatArrivalsPerHour: Arrivals(chat: true));
        profile.Record(now, input.OtherArrivalsPerHour);
        return input with { OtherArrivalsAhead = profile.Forecast(now, RosterHours, input.OtherArrivalsPerHour) };
    }

    private List<SequenceSignal> Sequences(DateTimeOffset now, TimeSpan? handle)
    {
        var minimum = context.Thresholds.MinimumSample;
        // A sequence's replies take the handle time of the queues they land in: chat, or the others.
        double Minutes(bool chat) => context.Scenario.Queues
            .Where(q => (q.Channel == Channel.Chat) == chat)
            .Select(q => context.Tally.MeasuredHandleTime(q.Id, now))
            .OfType<TimeSpan>()
            .DefaultIfEmpty(handle ?? context.Scenario.Cadence.AssumedHandleTime)
            .Max()
            .TotalMinutes;
        var sends = context.Sequences.Select(l => l.Total(t => t.Sends, now)).ToList();
        var human = context.Sequences.Select(l => l.Total(t => t.HumanReplies, now)).ToList();
        var sendingFor = context.Tally.FirstSends
            .Select(first => first is { } at ? now - at : TimeSpan.Zero)
            .ToList();

        // A sequence too new to have its own figure is charged what the tenant's sequences that
        // have sent for a day need of humans per send.
        var sent = context.Tally.BySequence.Select(s => s.Sends).ToList();
        var needed = context.Tally.HumanReplies;
        var after = context.Scenario.Cadence.OwnFigureAfter;
        var mature = Enumerable.Range(0, sends.Count).Where(i => sendingFor[i] >= after).ToList();
        var prior = Ratio.Of(mature.Sum(i => needed[i]), mature.Sum(i => sent[i]), minimum);

        // What waits is wanted within one burst of the admission's bucket, on top of the pace.
        var backlogPerHour = TimeSpan.FromHours(1) / context.Scenario.Admission.Burst;
        var signals = new List<SequenceSignal>();
        for (var i = 0; i < context.Sequences.Count; i++)
        {
            var spec = context.Scenario.Sequences[i];
            var conversions = context.Sequences[i].Total(t => t.Conversions, now).OneDay;
            var perSend = HumanWork.RepliesPerSend(
                needed[i], sent[i], sendingFor[i], prior, minimum, context.Scenario.Cadence);
            var pace = Math.Max(sends[i].FifteenMinutes * 4, sends[i].OneHour);
            signals.Add(new SequenceSignal(
                spec.Id, spec.Urgent, spec.Channel == Channel.Chat, human[i].OneHour,
                Ratio.Of(conversions, sends[i].OneDay, minimum), perSend * Minutes(spec.Channel == Channel.Chat),
                (sender.Deferred(i) * backlogPerHour) + pace, context.Tally.MeasuredReplyLag(i, now), pace));
        }

        return signals;
    }

    private TeamCapacity Team(DateTimeOffset now, TimeSpan? handle)
    {
        var agents = new List<AgentOutlook>();
        foreach (var load in desk.Loads())
        {
            var spec = desk.Agent(load.AgentId);
            var roster = desk.Roster(load.AgentId, RosterHours);
            agents.Add(new AgentOutlook(
                load.AgentId, load.Online, spec.Slots, load.FreeSlots, load.RemainingToday, spec.DailyCeiling, roster,
                spec.Queues));
        }

        return new TeamCapacity(agents, handle);
    }

    private static Severity Max(Severity a, Severity b) => a > b ? a : b;
}
