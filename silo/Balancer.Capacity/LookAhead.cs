using System.Globalization;

namespace Balancer.Capacity;

/// <summary>
/// The hours ahead as the look-ahead projects them: what the staffed team can take each hour, what
/// arrives whatever new sends do, and the backlog that leaves at the start of each hour.
/// </summary>
/// <param name="Chat">Whether these are the chat queues, for the sequences that feed chat, or the others.</param>
/// <param name="Window">The longest reply window among the queues looked at.</param>
/// <param name="HandleTime">The measured handle time, or the assumed one before any is measured.</param>
/// <param name="Capacity">
/// Conversations the staffed team can take in each hour from now, at <see cref="CadenceOptions.LookAheadOccupancy"/>.
/// </param>
/// <param name="Load">
/// Conversations arriving in each hour before any new send: the arrivals no sequence makes, and for
/// as long as its reply lag each sequence's replies still to come from what it sent, at its current
/// reply rate or what its current pace of sends will make, whichever is more.
/// </param>
/// <param name="Backlog">Conversations waiting at the start of each hour; the first is those waiting now.</param>
/// <param name="DemandMinutesPerHour">Human minutes an hour the sequences' planned sends would create.</param>
public sealed record LookAheadFigures(
    bool Chat,
    TimeSpan Window,
    TimeSpan HandleTime,
    IReadOnlyList<double> Capacity,
    IReadOnlyList<double> Load,
    IReadOnlyList<double> Backlog,
    double DemandMinutesPerHour)
{
    /// <summary>
    /// Conversations the team can still take inside the reply window that opens when replies to a
    /// send made now arrive, <paramref name="lag"/> from now: the capacity of that window less its
    /// load and the backlog it opens with. A conversation is answered when an agent takes it up, not
    /// when it is resolved, so the capacity counts one handle time past the window's end. Hours past
    /// the projection count as no capacity.
    /// </summary>
    public double SpareAt(TimeSpan lag)
    {
        var first = Math.Min((int)Math.Floor(Math.Max(0, lag.TotalHours)), Capacity.Count - 1);
        var spare = -Backlog[first];
        var capacityHours = Window.TotalHours + HandleTime.TotalHours;
        for (var h = first; h < Capacity.Count && h - first < capacityHours; h++)
        {
            spare += Capacity[h] * Math.Min(1, capacityHours - (h - first));
            spare -= h - first < Window.TotalHours ? Load[h] * Math.Min(1, Window.TotalHours - (h - first)) : 0;
        }

        return Math.Max(0, spare);
    }

    /// <summary>
    /// No reply window that opens within the projection has room: what is committed fills the team
    /// for the whole of it.
    /// </summary>
    public bool Short => Enumerable.Range(0, Capacity.Count).All(h => SpareAt(TimeSpan.FromHours(h)) <= 0);

    /// <summary>
    /// Human minutes an hour that sends made now may create and still be answered in time: the room
    /// spent over one hour. Sends at that pace count in the load from the next decision on, so the
    /// room closes as it fills.
    /// </summary>
    public double SpareMinutesPerHour(TimeSpan lag) => SpareAt(lag) * HandleTime.TotalMinutes;

    /// <summary>The figures in words, for a directive's reason.</summary>
    public string Describe(TimeSpan lag)
    {
        var first = Math.Min((int)Math.Floor(Math.Max(0, lag.TotalHours)), Capacity.Count - 1);
        var hours = Math.Max(1, (int)Math.Ceiling(Window.TotalHours));
        var capacity = Capacity.Skip(first).Take(hours).Sum();
        var due = Backlog[first] + Load.Skip(first).Take(hours).Sum();
        return string.Create(CultureInfo.InvariantCulture,
            $"look-ahead: {due:F0} conversations waiting or due in the {Window.TotalHours:0.#} h window " +
            $"from {lag.TotalHours:0.#} h ahead against {capacity:F0} the staffed team can take");
    }
}

/// <summary>
/// Projects the hours ahead, so that a send goes only where its human work fits: each agent's slots
/// by their roster at the pace of the measured handle time, bounded by what their daily ceiling
/// still allows, against
/// those waiting and those that arrive whatever the sequences send next. Replies to a send arrive
/// its sequence's reply lag later and must be answered inside the reply window, so a send's room is
/// the capacity of the window that opens then, less that window's load and the backlog projected to
/// it. <see cref="Budgets"/> turns the room into each sequence's budget of human minutes an hour for
/// send admission.
/// </summary>
/// <remarks>
/// Chat and the other queues are looked at apart, each with the agents who serve it, its own
/// measured handle time and the sequences that feed it, since a chat desk is no capacity for email.
/// The arrivals no sequence makes are projected by the forecast the caller gives, or at their rate
/// over the last hour without one. The window is the longest reply window among the queues looked
/// at: outside chat, the shared overflow queue, where most replies to sequences land, has it, and
/// the backlog of every queue counts against it in full.
/// </remarks>
public static class LookAhead
{
    /// <summary>A budget below this many human minutes an hour is none.</summary>
    public const double NegligibleMinutesPerHour = 0.001;

    /// <summary>Whether the budget bounds a sequence's sends: not for a protected urgent one.</summary>
    public static bool Budgeted(SequenceSignal sequence, CadenceOptions options) =>
        !(sequence.Urgent && options.ProtectUrgent);

    /// <summary>
    /// The projection of the queues that are not chat, for the sequences that do not feed chat, or,
    /// with <paramref name="chat"/>, of the chat queues for those that do; null without a team or
    /// without such a queue.
    /// </summary>
    public static LookAheadFigures? Of(CadenceInput input, CadenceOptions options, bool chat = false)
    {
        var queues = input.Queues?.Where(q => q.Chat == chat).ToList() ?? [];
        if (input.Team is not { } team || queues.Count == 0)
        {
            return null;
        }

        var window = queues.Max(q => q.ReplyWindow);
        var measured = queues.Select(q => q.HandleTime).OfType<TimeSpan>().Where(t => t > TimeSpan.Zero).ToList();
        var handle = measured.Count > 0 ? measured.Max()
            : team.HandleTime is { } tenant && tenant > TimeSpan.Zero ? tenant
            : options.AssumedHandleTime;
        var group = input.Sequences.Where(s => s.FeedsChat == chat).ToList();
        var lags = group.Select(s => s.ReplyLag ?? TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Max();
        var hours = team.Agents.Select(a => a.Roster?.Count ?? 0).DefaultIfEmpty(0).Max();
        if (hours == 0)
        {
            hours = (int)Math.Ceiling((window + lags).TotalHours) + 1;
        }

        var others = chat
            ? Math.Max(0, input.ChatArrivalsPerHour - group.Sum(s => s.HumanRepliesPerHour))
            : input.OtherArrivalsPerHour;
        var capacity = new double[hours];
        var load = new double[hours];
        var backlog = new double[hours];
        backlog[0] = queues.Sum(q => q.Waiting);
        // Only those who answer the queues looked at count: a chat desk is no capacity for email.
        var ceilings = new Ceilings(input.Now, [.. team.Agents.Where(a => a.Serves(queues.Select(q => q.QueueId)))]);
        for (var h = 0; h < hours; h++)
        {
            var forecast = !chat && input.OtherArrivalsAhead is { } ahead && h < ahead.Count ? ahead[h] : others;
            load[h] = forecast + group
                .Where(s => (s.ReplyLag ?? TimeSpan.Zero).TotalHours > h)
                .Sum(s => Math.Max(s.HumanRepliesPerHour, s.SentPerHour * s.HumanMinutesPerSend / handle.TotalMinutes));
            capacity[h] = ceilings.Available(h, handle) * options.LookAheadOccupancy;
            var taken = Math.Min(capacity[h], backlog[h] + load[h]);
            ceilings.Take(taken);
            if (h + 1 < hours)
            {
                backlog[h + 1] = backlog[h] + load[h] - taken;
            }
        }

        return new LookAheadFigures(
            chat, window, handle, capacity, load, backlog, group.Sum(s => s.DemandMinutesPerHour));
    }

    /// <summary>
    /// The budget of human minutes an hour for the send admission of each sequence the figures are
    /// for (those that feed chat, or the others), in the order of the input's sequences. Those not
    /// <see cref="Budgeted"/> get what they ask for. The others share the room at their
    /// demand-weighted reply lag, by <see cref="CapacityAllotment.Split"/> under their grades, and the
    /// share the controller throttles first (the most human work, the least conversion) gets only
    /// what the rest leave; no sequence gets more than the room at its own lag.
    /// </summary>
    public static IReadOnlyList<SequenceAllotment> Budgets(
        LookAheadFigures figures, CadenceInput input, IReadOnlyList<CadenceDirective> directives,
        CadenceOptions options)
    {
        var directive = directives.ToDictionary(d => d.SequenceId, StringComparer.Ordinal);
        var budget = new Dictionary<string, double>(StringComparer.Ordinal);
        var mine = input.Sequences.Where(s => s.FeedsChat == figures.Chat).ToList();
        var throttleable = mine.Where(s => Budgeted(s, options)).ToList();
        var spare = figures.SpareMinutesPerHour(TypicalLag(throttleable));
        foreach (var s in mine.Where(s => !Budgeted(s, options)))
        {
            budget[s.SequenceId] = s.DemandMinutesPerHour;
            spare -= s.DemandMinutesPerHour;
        }

        var first = CadenceController.ThrottleFirst(throttleable, figures.HandleTime, options)
            .Select(s => s.SequenceId)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var group in new[]
        {
            throttleable.Where(s => !first.Contains(s.SequenceId)).ToList(),
            throttleable.Where(s => first.Contains(s.SequenceId)).ToList(),
        })
        {
            var demands = group.Select(s => new AllotmentDemand(
                s.SequenceId,
                Math.Min(s.DemandMinutesPerHour, figures.SpareMinutesPerHour(s.ReplyLag ?? TimeSpan.Zero)),
                directive[s.SequenceId].Grade,
                directive[s.SequenceId].StretchFactor)).ToList();
            foreach (var allotment in CapacityAllotment.Split(Math.Max(0, spare), demands))
            {
                // What the subtractions leave over is rounding, not a budget: a send every few months.
                var minutes = allotment.MinutesPerHour < NegligibleMinutesPerHour ? 0 : allotment.MinutesPerHour;
                budget[allotment.SequenceId] = minutes;
                spare -= minutes;
            }
        }

        return [.. mine.Select(s => new SequenceAllotment(s.SequenceId, budget[s.SequenceId]))];
    }

    /// <summary>The reply lag of the sequences' demand, weighted by it; zero without demand.</summary>
    public static TimeSpan TypicalLag(IEnumerable<SequenceSignal> sequences)
    {
        var demand = 0.0;
        var weighted = 0.0;
        foreach (var s in sequences)
        {
            demand += s.DemandMinutesPerHour;
            weighted += s.DemandMinutesPerHour * (s.ReplyLag ?? TimeSpan.Zero).TotalHours;
        }

        return demand > 0 ? TimeSpan.FromHours(weighted / demand) : TimeSpan.Zero;
    }

    /// <summary>
    /// What each agent can take hour by hour: their rostered slots at the handle time's pace, no more
    /// than their daily ceiling still allows, which the work projected for them uses up.
    /// </summary>
    private sealed class Ceilings(DateTimeOffset now, IReadOnlyList<AgentOutlook> agents)
    {
        private readonly double _untilMidnight = 24 - now.UtcDateTime.TimeOfDay.TotalHours;
        private readonly double[] _left = [.. agents.Select(a => (double)Math.Max(0, a.RemainingToday))];
        private readonly double[] _available = new double[agents.Count];
        private int _day;

        /// <summary>Conversations the agents can take in hour <paramref name="h"/> from now.</summary>
        public double Available(int h, TimeSpan handle)
        {
            var day = (int)Math.Floor((h - _untilMidnight) / 24) + 1;
            for (var a = 0; a < agents.Count; a++)
            {
                var agent = agents[a];
                if (day > _day)
                {
                    _left[a] = agent.DailyCeiling;
                }

                var share = agent.Roster is { } roster ? (h < roster.Count ? roster[h] : 0) : agent.Online ? 1 : 0;
                var pace = agent.Slots * share / handle.TotalHours;
                if (h == 0 && agent.Online)
                {
                    // What the agent holds now needs half a handle time on average before its slot is free.
                    pace = Math.Max(0, pace - ((agent.Slots - agent.FreeSlots) / 2.0));
                }

                _available[a] = Math.Min(pace, _left[a]);
            }

            _day = Math.Max(_day, day);
            return _available.Sum();
        }

        /// <summary>The hour's projected work uses the ceilings up in proportion to what each could take.</summary>
        public void Take(double taken)
        {
            var total = _available.Sum();
            for (var a = 0; a < _available.Length && total > 0; a++)
            {
                _left[a] = Math.Max(0, _left[a] - (taken * _available[a] / total));
            }
        }
    }
}
