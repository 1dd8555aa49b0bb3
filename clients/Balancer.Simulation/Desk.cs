using Balancer.Capacity;

namespace Balancer.Simulation;

/// <summary>
/// The humans: queues, the assignment board and the agents on their shifts. Agents take every offer
/// at once, answer it <see cref="Scenario.FirstResponseAfter"/> later and resolve it when its handle
/// time is up, then take the next.
/// </summary>
internal sealed class Desk
{
    private readonly RunContext _context;
    private readonly AssignmentBoard _board;
    private readonly Dictionary<string, AgentSpec> _agents;
    private readonly Dictionary<string, SimConversation> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _onlineSince = new(StringComparer.Ordinal);
    private readonly HashSet<(string Agent, DateOnly Day)> _overrun = [];
    private readonly Dictionary<string, List<(DateTimeOffset Opens, DateTimeOffset Closes)>> _shifts =
        new(StringComparer.Ordinal);

    public Desk(RunContext context, DateTimeOffset until)
    {
        _context = context;
        _board = new AssignmentBoard(context.Scenario.Assignment, new PriorityScore(context.Scenario.Priority));
        _agents = context.Scenario.Agents.ToDictionary(a => a.Id, StringComparer.Ordinal);
        foreach (var agent in context.Scenario.Agents)
        {
            _board.UpsertAgent(new AgentProfile(agent.Id, agent.Tier, agent.Slots, agent.DailyCeiling, agent.Queues));
            _shifts[agent.Id] = [.. Shifts.Between(agent.Shifts, context.Now, until)];
            foreach (var (opens, closes) in _shifts[agent.Id])
            {
                context.Loop.At(opens, () => Presence(agent, true));
                context.Loop.At(closes, () => Presence(agent, false));
            }
        }
    }

    /// <summary>Conversations opened and not yet resolved.</summary>
    public int OpenCount => _open.Count;

    public IReadOnlyList<AgentLoad> Loads() => _board.Loads(_context.Now);

    public AgentSpec Agent(string agentId) => _agents[agentId];

    /// <summary>Whether some agent has been online for at least <paramref name="span"/>.</summary>
    public bool OnlineLongerThan(TimeSpan span) => _onlineSince.Values.Any(since => _context.Now - since >= span);

    /// <summary>The share of each of the next <paramref name="hours"/> hours the agent is rostered online.</summary>
    public double[] Roster(string agentId, int hours)
    {
        var now = _context.Now;
        var shares = new double[hours];
        foreach (var (opens, closes) in _shifts[agentId])
        {
            if (closes <= now || opens >= now.AddHours(hours))
            {
                continue;
            }

            for (var h = 0; h < hours; h++)
            {
                var from = now.AddHours(h);
                var start = opens > from ? opens : from;
                var end = closes < from.AddHours(1) ? closes : from.AddHours(1);
                shares[h] += end > start ? (end - start).TotalHours : 0;
            }
        }

        return shares;
    }

    /// <summary>Ends the run: the time online of those still online counts up to now.</summary>
    public void Close()
    {
        foreach (var (id, since) in _onlineSince)
        {
            _context.Tally.OnlineSlotTime += WithinLoad(since, _context.Now) * _agents[id].Slots;
        }

        _onlineSince.Clear();
    }

    public void Open(SimConversation c, RouteDecision decision, HandoffContext handoff)
    {
        var now = _context.Now;
        var ledger = _context.Queues[decision.QueueId];
        c.QueueId = decision.QueueId;
        ledger.Open(c.Id, c.Source, c.Escalated, now);
        _context.Opened[decision.QueueId].Add(now);
        _open.Add(c.Id, c);
        var tier = decision.Tier == RouteTier.Senior ? AgentTier.Senior : (AgentTier?)null;
        _board.Enqueue(new WaitingConversation(c.Id, c.QueueId, tier, now, now + ledger.ReplyWindow, handoff));
        Dispatch();
    }

    /// <summary>Makes the offers the board has, and plays each agent's answer and resolution.</summary>
    public void Dispatch()
    {
        foreach (var offer in _board.Dispatch(_context.Now))
        {
            var c = _open[offer.ConversationId];
            c.AgentId = offer.AgentId;
            c.Attempt = offer.Attempt;
            c.OfferedAt = offer.At;
            _board.Acknowledge(c.Id, offer.AgentId, _context.Now);
            var attempt = offer.Attempt;
            _context.Loop.After(_context.Scenario.FirstResponseAfter, () => Respond(c, attempt));
        }
    }

    private void Respond(SimConversation c, int attempt)
    {
        if (c.Attempt != attempt || c.AgentId is not { } agentId || c.Answered)
        {
            return;
        }

        var now = _context.Now;
        _board.Answered(c.Id, now);
        c.Answered = true;
        var outcome = _context.Queues[c.QueueId].Respond(c.Id, agentId, now);
        if (outcome.Kind is ResponseKind.InTime or ResponseKind.Revoked)
        {
            _context.Met(c.QueueId, now);
        }

        if (outcome.BreachDelta != 0)
        {
            _context.Blame(c.QueueId, outcome.Source, outcome.BreachDelta, now);
        }

        _context.Tally.FirstResponseSeconds.Add(outcome.Wait.TotalSeconds);
        var ledger = _context.Agents[agentId];
        ledger.RecordResponse(c.Id, true, c.Escalated, now);
        if (ledger.RepliesToday(now) > ledger.DailyCeiling &&
            _overrun.Add((agentId, DateOnly.FromDateTime(now.UtcDateTime))))
        {
            _context.Tally.CeilingOverruns++;
        }

        var agent = _agents[agentId];
        var rework = c.Escalated ? _context.Scenario.EscalationHandleFactor : 1;
        var handle = agent.HandleTime * c.Draw.HandleFactor * rework;
        var resolveAt = c.OfferedAt + handle;
        _context.Loop.At(resolveAt > now ? resolveAt : now, () => Resolve(c));
    }

    private void Resolve(SimConversation c)
    {
        var now = _context.Now;
        var outcome = _context.Queues[c.QueueId].Resolve(c.Id, now);
        if (outcome.HandleTime is { } handle)
        {
            _context.Tally.Handled(c.QueueId, handle, now);
        }

        _context.Agents[c.AgentId!].RecordClosure(c.Id, now);
        _board.Resolved(c.Id, now);
        _open.Remove(c.Id);
        _context.Tally.BusySlotTime += WithinLoad(c.OfferedAt, now);
        var activity = _context.Tally.BySource[_context.SequenceIndex(c.Source) is >= 0 and var i ? i : ^1];
        activity.HumanInteractions++;
        activity.Resolved++;
        Dispatch();
    }

    /// <summary>The part of [from, to) within the days with load, which utilisation is measured over.</summary>
    private TimeSpan WithinLoad(DateTimeOffset from, DateTimeOffset to)
    {
        var start = from > _context.Scenario.Start ? from : _context.Scenario.Start;
        var end = to < _context.Scenario.End ? to : _context.Scenario.End;
        return end > start ? end - start : TimeSpan.Zero;
    }

    private void Presence(AgentSpec agent, bool online)
    {
        var now = _context.Now;
        if (online)
        {
            _onlineSince[agent.Id] = now;
        }
        else if (_onlineSince.Remove(agent.Id, out var since))
        {
            _context.Tally.OnlineSlotTime += WithinLoad(since, now) * agent.Slots;
        }

        _board.SetPresence(agent.Id, online, now);
        if (!online)
        {
            // The board returns what the agent had not answered; their planned responses are void.
            foreach (var c in _open.Values.Where(c => c.AgentId == agent.Id && !c.Answered))
            {
                c.AgentId = null;
                c.Attempt = -1;
            }
        }

        Dispatch();
    }
}
