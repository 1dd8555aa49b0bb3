using System.Globalization;

namespace Balancer.Capacity;

/// <summary>
/// The hours ahead as the look-ahead projects them: what the staffed team can take each hour, what
/// arrives whatever new sends do, and the backlog that leaves at the start of each hour.
/// </summary>
/// <param name="Window">The longest reply window among the queues that are not chat.</param>
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
/// The arrivals no sequence makes are projected by the forecast the caller gives, or at their rate
/// over the last hour without one. The window is the longest reply window among the queues that are
/// not chat: the shared overflow queue, where most replies to sequences land, has it, and the
/// backlog of every queue counts against it in full.
/// </remarks>
public static class LookAhead
{
    /// <summary>A budget below this many human minutes an hour is none.</summary>
    public const double NegligibleMinutesPerHour = 0.001;

    /// <summary>The projection, or null without a team or a queue that is not chat.</summary>
    public static LookAheadFigures? Of(CadenceInput input, CadenceOptions options)
    {
        if (input.Team is not { } team || input.Queues?.Where(q => !q.Chat).ToList() is not { Count: > 0 } queues)
        {
            return null;
        }

        var window = queues.Max(q => q.ReplyWindow);
        var handle = team.HandleTime is { } measured && measured > TimeSpan.Zero ? measured : options.AssumedHandleTime;
        var lags = input.Sequences.Select(s => s.ReplyLag ?? TimeSpan.Zero).DefaultIfEmpty(TimeSpan.Zero).Max();
        var hours = team.Agents.Select(a => a.Roster?.Count ?? 0).DefaultIfEmpty(0).Max();
        if (hours == 0)
        {
            hours = (int)Math.Ceiling((window + lags).TotalHours) + 1;
        }

        var capacity = Capacity(input.Now, team, handle, hours, options);
        var others = input.OtherArrivalsPerHour;
        var load = new double[hours];
        var backlog = new double[hours];
        backlog[0] = queues.Sum(q => q.Waiting);
        for (var h = 0; h < hours; h++)
        {
            var forecast = input.OtherArrivalsAhead is { } ahead && h < ahead.Count ? ahead[h] : others;
            load[h] = forecast + input.Sequences.Where(s => (s.ReplyLag ?? TimeSpan.Zero).TotalHours > h)
                .Sum(s => Math.Max(s.HumanRepliesPerHour, s.SentPerHour * s.HumanMinutesPerSend / handle.TotalMinutes));
            if (h + 1 < hours)
            {
                backlog[h + 1] = Math.Max(0, backlog[h] + load[h] - capacity[h]);
            }
        }

        return new LookAheadFigures(
            window, handle, capacity, load, backlog, input.Sequences.Sum(s => s.DemandMinutesPerHour));
    }

    /// <summary>
    /// Each sequence's budget of human minutes an hour for its send admission, in the order of the
    /// input's sequences. Protected urgent sequences get what they ask for. The others share the
    /// room at their demand-weighted reply lag, by <see cref="CapacityAllotment.Split"/> under their
    /// grades, and the share the controller throttles first (the most human work, the least
    /// conversion) gets only what the rest leave; no sequence gets more than the room at its own lag.
    /// </summary>
    public static IReadOnlyList<SequenceAllotment> Budgets(
        LookAheadFigures figures, CadenceInput input, IReadOnlyList<CadenceDirective> directives,
        CadenceOptions options)
    {
        var directive = directives.ToDictionary(d => d.SequenceId, StringComparer.Ordinal);
        var budget = new Dictionary<string, double>(StringComparer.Ordinal);
        var throttleable = input.Sequences.Where(s => !s.Urgent || !options.ProtectUrgent).ToList();
        var spare = figures.SpareMinutesPerHour(TypicalLag(throttleable));
        foreach (var s in input.Sequences.Where(s => s.Urgent && options.ProtectUrgent))
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

        return [.. input.Sequences.Select(s => new SequenceAllotment(s.SequenceId, budget[s.SequenceId]))];
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

    /// <summary>Conversations the team can take in each hour from now, at the planned occupancy.</summary>
    private static double[] Capacity(
        DateTimeOffset now, TeamCapacity team, TimeSpan handle, int hours, CadenceOptions options)
    {
        var untilMidnight = 24 - now.UtcDateTime.TimeOfDay.TotalHours;
        var capacity = new double[hours];
        foreach (var agent in team.Agents)
        {
            var left = (double)Math.Max(0, agent.RemainingToday);
            var day = 0;
            for (var h = 0; h < hours; h++)
            {
                var today = (int)Math.Floor((h - untilMidnight) / 24) + 1;
                if (today > day)
                {
                    (day, left) = (today, agent.DailyCeiling);
                }

                var share = agent.Roster is { } roster ? (h < roster.Count ? roster[h] : 0) : agent.Online ? 1 : 0;
                var taken = Math.Min(agent.Slots * share / handle.TotalHours, left);
                if (h == 0 && agent.Online)
                {
                    // What the agent holds now needs half a handle time on average before its slot is free.
                    taken = Math.Max(0, taken - ((agent.Slots - agent.FreeSlots) / 2.0));
                }

                left -= taken;
                capacity[h] += taken * options.LookAheadOccupancy;
            }
        }

        return capacity;
    }
}
