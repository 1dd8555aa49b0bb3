using Balancer.Capacity;
using Balancer.Contracts.Model;

namespace Balancer.Grains;

/// <summary>
/// Reads the cadence controller's inputs from a tenant's live figures, as the simulator reads them
/// from its ledgers, and turns the controller's look-ahead into each sequence's admission budget.
/// </summary>
/// <remarks>
/// The breach level is the worse of the tenant's and its worst queue's, so one overrun queue acts
/// before it moves the tenant's rate. Live queues are the chat queues. Balancer knows no rosters, so
/// an online agent counts for the whole look-ahead and an offline one not at all.
/// </remarks>
internal static class CadenceReader
{
    /// <summary>How far ahead the arrivals no sequence makes are forecast: a day.</summary>
    private const int AheadHours = 24;

    public static CadenceInput Read(
        DateTimeOffset now,
        Severity tenantBreachLevel,
        Severity sendsLevel,
        IReadOnlyCollection<QueueFigures> queues,
        IReadOnlyCollection<SequenceFigures> sequences,
        IReadOnlyCollection<AgentFigures> agents,
        ArrivalProfile profile,
        int minimumSample,
        CadenceOptions cadence,
        AdmissionOptions admission)
    {
        var breachLevel = queues.Select(q => q.Level.ToSeverity()).Append(tenantBreachLevel).Max();
        var liveWaits = queues.Where(q => q.Live && q.OldestWaitSeconds is not null)
            .Select(q => q.OldestWaitSeconds!.Value)
            .ToList();
        TimeSpan? liveWait = liveWaits.Count == 0 ? null : TimeSpan.FromSeconds(liveWaits.Max());
        var handle = MeasuredHandleTime(agents);
        var input = new CadenceInput(
            now,
            breachLevel,
            sendsLevel > Severity.Normal,
            liveWait,
            Sequences(now, sequences, handle ?? cadence.AssumedHandleTime, minimumSample, cadence, admission),
            // Without agents configured, human capacity is unknown rather than nil: no look-ahead.
            agents.Count == 0
                ? null
                : new TeamCapacity([.. agents.OrderBy(a => a.AgentId, StringComparer.Ordinal).Select(Outlook)], handle),
            [.. queues.OrderBy(q => q.QueueId, StringComparer.Ordinal).Select(Signal)],
            queues.Where(q => !q.Live).Sum(q => q.Opened.OneHour),
            ChatArrivalsPerHour: queues.Where(q => q.Live).Sum(q => q.Opened.OneHour));
        profile.Record(now, input.OtherArrivalsPerHour);
        return input with { OtherArrivalsAhead = profile.Forecast(now, AheadHours, input.OtherArrivalsPerHour) };
    }

    /// <summary>
    /// Each sequence's allowance: its directive, the human minutes one send costs, and its share of the
    /// room the look-ahead finds (chat and the other queues apart). A sequence the budget does not
    /// bound, or one with no look-ahead to share (no agents or no queues), is charged nothing per send,
    /// so admission bounds it by its directive alone.
    /// </summary>
    public static IReadOnlyList<SequenceAllowance> Allowances(
        CadenceInput input,
        IReadOnlyList<CadenceDirective> decided,
        IReadOnlyDictionary<string, SequenceDirective> directives,
        CadenceOptions options)
    {
        var budgets = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var chat in new[] { false, true })
        {
            if (LookAhead.Of(input, options, chat) is { } ahead)
            {
                foreach (var allotment in LookAhead.Budgets(ahead, input, decided, options))
                {
                    budgets[allotment.SequenceId] = allotment.MinutesPerHour;
                }
            }
        }

        return
        [
            .. input.Sequences.Where(s => directives.ContainsKey(s.SequenceId)).Select(s =>
                budgets.TryGetValue(s.SequenceId, out var budget) && LookAhead.Budgeted(s, options)
                    ? new SequenceAllowance(directives[s.SequenceId], s.HumanMinutesPerSend, budget)
                    : new SequenceAllowance(directives[s.SequenceId], 0, 0)),
        ];
    }

    private static List<SequenceSignal> Sequences(
        DateTimeOffset now,
        IReadOnlyCollection<SequenceFigures> sequences,
        TimeSpan handle,
        int minimumSample,
        CadenceOptions cadence,
        AdmissionOptions admission)
    {
        // A sequence too new to have its own figure is charged what the tenant's sequences that have
        // sent for a while need of humans per send.
        var mature = sequences
            .Where(s => s.Pace?.FirstSendAt is { } first && now - first >= cadence.OwnFigureAfter)
            .ToList();
        var prior = Ratio.Of(mature.Sum(s => s.Pace!.HumanReplies), mature.Sum(s => s.Pace!.Sends), minimumSample);

        // What waits is wanted within one burst of the admission's bucket, on top of the pace.
        var backlogPerHour = TimeSpan.FromHours(1) / admission.Burst;
        return
        [
            .. sequences.OrderBy(s => s.SequenceId, StringComparer.Ordinal).Select(s =>
            {
                var pace = s.Pace ?? new SequencePace(0, 0, null, null, 0);
                var sendingFor = pace.FirstSendAt is { } first ? now - first : TimeSpan.Zero;
                var perSend = HumanWork.RepliesPerSend(
                    pace.HumanReplies, pace.Sends, sendingFor, prior, minimumSample, cadence);
                var sends = s.Total.Sends;
                var sentPerHour = Math.Max(sends.FifteenMinutes * 4, sends.OneHour);
                return new SequenceSignal(
                    s.SequenceId,
                    s.Urgent,
                    s.Channel == Contracts.Model.Channel.Chat,
                    s.Total.HumanReplies.OneHour,
                    Ratio.Of(s.Total.Conversions.OneDay, sends.OneDay, minimumSample),
                    perSend * handle.TotalMinutes,
                    (pace.Waiting * backlogPerHour) + sentPerHour,
                    pace.ReplyLagSeconds is { } lag ? TimeSpan.FromSeconds(lag) : null,
                    sentPerHour);
            }),
        ];
    }

    private static AgentOutlook Outlook(AgentFigures a) => new(
        a.AgentId,
        a.Presence == Presence.Online,
        a.Slots,
        Math.Max(0, a.Slots - a.SlotsInUse),
        Math.Max(0, a.DailyCeiling - a.RepliesToday),
        a.DailyCeiling);

    private static QueueSignal Signal(QueueFigures q)
    {
        var rate = q.BreachRate;
        double? trend = rate.FifteenMinutes is { } recent && rate.OneHour is { } hour ? recent - hour : null;
        return new QueueSignal(
            q.QueueId,
            TimeSpan.FromSeconds(q.ReplyWindowSeconds),
            q.Live,
            q.Depth,
            rate.OneHour,
            trend,
            q.TimeToClearSeconds is { } clear ? TimeSpan.FromSeconds(clear) : null);
    }

    /// <summary>The agents' handle time, weighted by their slots, over those measured; null before any is.</summary>
    internal static TimeSpan? MeasuredHandleTime(IReadOnlyCollection<AgentFigures> agents)
    {
        var measured = agents.Where(a => a.HandleSeconds is not null).ToList();
        var slots = measured.Sum(a => a.Slots);
        return slots == 0 ? null : TimeSpan.FromSeconds(measured.Sum(a => a.Slots * a.HandleSeconds!.Value) / slots);
    }
}
