namespace Balancer.Capacity;

/// <summary>
/// Offers waiting conversations to agents: the highest priority and, within one priority, the
/// oldest first, each to the eligible agent with the most spare capacity.
/// </summary>
/// <remarks>
/// <para>
/// An agent is eligible when online, serving the conversation's queue, of its required tier if it
/// has one, with a free slot and with room under its daily ceiling. The most spare capacity is the
/// most free slots, then the most room under the ceiling; ties go to the agent idle longest (since
/// its last offer or since it came online), then by id. One priority is a band of
/// <see cref="AssignmentOptions.PriorityBand"/> of <see cref="PriorityScore"/>, scored at dispatch.
/// </para>
/// <para>
/// An offer holds a slot until the conversation is resolved or returns to its queue. It returns
/// with its original arrival time and deadline when unacknowledged at
/// <see cref="AssignmentOptions.AckTimeout"/>, unanswered at <see cref="AssignmentOptions.ReassignAfter"/>
/// from the offer, when its agent declines it, or when its agent goes offline before answering; it is
/// then offered to another eligible agent, and back to one it left only if no other is eligible. An
/// agent who answers a conversation not offered to them takes it over.
/// </para>
/// <para>
/// A dispatch costs the waiting conversations times the agents with room, which suits a tenant of
/// hundreds of agents; an index of agents by queue would be the next step past that. Days are UTC
/// days. Not thread-safe; one queue's or tenant's grain owns an instance.
/// </para>
/// </remarks>
public sealed class AssignmentBoard(AssignmentOptions options, PriorityScore priority)
{
    private readonly Dictionary<string, BoardAgent> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoardEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>Conversations waiting for an offer.</summary>
    public int WaitingCount => _entries.Values.Count(e => e.AgentId is null);

    /// <summary>Adds an agent or changes one; a change keeps its presence, assignments and day's count.</summary>
    public void UpsertAgent(AgentProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentOutOfRangeException.ThrowIfNegative(profile.Slots);
        ArgumentOutOfRangeException.ThrowIfNegative(profile.DailyCeiling);
        if (_agents.TryGetValue(profile.AgentId, out var agent))
        {
            agent.Profile = profile;
        }
        else
        {
            _agents.Add(profile.AgentId, new BoardAgent(profile));
        }
    }

    /// <summary>
    /// Marks an agent online or offline. Going offline returns its unanswered conversations to their
    /// queues with their original age; answered ones stay with it.
    /// </summary>
    public void SetPresence(string agentId, bool online, DateTimeOffset now)
    {
        var agent = AgentOf(agentId);
        if (online && !agent.Online)
        {
            agent.IdleSince = now;
        }

        agent.Online = online;
        if (!online)
        {
            foreach (var entry in agent.Held.Select(id => _entries[id]).Where(e => !e.Answered).ToList())
            {
                Return(entry);
            }
        }
    }

    /// <summary>Puts a conversation in its queue; false if the board already holds one of that id.</summary>
    public bool Enqueue(WaitingConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        return _entries.TryAdd(conversation.ConversationId, new BoardEntry(conversation));
    }

    /// <summary>Returns what timed out to its queue, then makes and returns the offers, in the order made.</summary>
    public IReadOnlyList<AssignmentOffer> Dispatch(DateTimeOffset now)
    {
        foreach (var entry in _entries.Values.Where(e => e.AgentId is not null && !e.Answered).ToList())
        {
            if (now >= entry.OfferedAt + Limit(entry))
            {
                Return(entry);
            }
        }

        var waiting = _entries.Values
            .Where(e => e.AgentId is null)
            .Select(e => (Entry: e, Score: Score(e, now)))
            .OrderByDescending(w => Math.Floor(w.Score / options.PriorityBand))
            .ThenBy(w => w.Entry.Conversation.Arrived)
            .ThenBy(w => w.Entry.Conversation.ConversationId, StringComparer.Ordinal)
            .ToList();

        // Agents that can take anything at all; one that fills up leaves, and dispatch ends once none is left.
        var open = _agents.Values.Where(a => a.Online && a.FreeSlots > 0 && a.RemainingToday(now) > 0).ToList();
        var offers = new List<AssignmentOffer>();
        foreach (var (entry, score) in waiting)
        {
            if (open.Count == 0)
            {
                break;
            }

            if (Choose(open, entry, now) is not { } agent)
            {
                continue;
            }

            agent.Held.Add(entry.Conversation.ConversationId);
            agent.IdleSince = now;
            entry.Offer(agent.Profile.AgentId, now, score);
            if (agent.FreeSlots == 0 || agent.RemainingToday(now) == 0)
            {
                open.Remove(agent);
            }

            offers.Add(OfferOf(entry));
        }

        return offers;
    }

    /// <summary>
    /// The agent takes the offer; false unless the conversation is assigned to that agent and, if not yet
    /// acknowledged, its acknowledgement is not due yet, even when no dispatch has returned it so far.
    /// </summary>
    public bool Acknowledge(string conversationId, string agentId, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(conversationId, out var entry) || entry.AgentId != agentId ||
            (!entry.Acknowledged && now >= entry.OfferedAt + options.AckTimeout))
        {
            return false;
        }

        entry.Acknowledged = true;
        return true;
    }

    /// <summary>
    /// The agent turns an unanswered offer down: the conversation returns to its queue at once, with its
    /// original age, for another agent. False unless it is assigned to that agent and unanswered.
    /// </summary>
    public bool Decline(string conversationId, string agentId, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(conversationId, out var entry) || entry.AgentId != agentId || entry.Answered)
        {
            return false;
        }

        Return(entry);
        return true;
    }

    /// <summary>
    /// The offers an agent holds unanswered and not yet timed out, as they were made, oldest first: what
    /// an agent who connects again must see.
    /// </summary>
    public IReadOnlyList<AssignmentOffer> OffersTo(string agentId, DateTimeOffset now) =>
        _agents.TryGetValue(agentId, out var agent)
            ? [
                .. agent.Held
                    .Select(id => _entries[id])
                    .Where(e => !e.Answered && now < e.OfferedAt + Limit(e))
                    .OrderBy(e => e.OfferedAt)
                    .ThenBy(e => e.Conversation.ConversationId, StringComparer.Ordinal)
                    .Select(OfferOf),
            ]
            : [];

    /// <summary>
    /// The conversation's first human response; it stays with its agent from now on. An unacknowledged
    /// offer counts as acknowledged. False unless the conversation is assigned.
    /// </summary>
    public bool Answered(string conversationId, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(conversationId, out var entry) || entry.AgentId is null)
        {
            return false;
        }

        entry.Acknowledged = true;
        entry.Answered = true;
        return true;
    }

    /// <summary>
    /// The conversation's first human response, by <paramref name="agentId"/>, who holds it from now on
    /// wherever it was: waiting, or offered to another agent, whose slot it frees. False if the board
    /// holds no such conversation, knows no such agent, or the conversation was answered already.
    /// </summary>
    public bool Answered(string conversationId, string agentId, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(conversationId, out var entry) || !_agents.TryGetValue(agentId, out var agent) ||
            entry.Answered)
        {
            return false;
        }

        if (entry.AgentId != agentId)
        {
            if (entry.AgentId is { } other)
            {
                _agents[other].Held.Remove(conversationId);
            }

            agent.Held.Add(conversationId);
            entry.AgentId = agentId;
        }

        return Answered(conversationId, now);
    }

    /// <summary>
    /// The conversation is done: it leaves the board, frees its agent's slot and counts towards the
    /// agent's day. A conversation resolved while waiting just leaves. False if the board does not hold it.
    /// </summary>
    public bool Resolved(string conversationId, DateTimeOffset now)
    {
        if (!_entries.Remove(conversationId, out var entry))
        {
            return false;
        }

        if (entry.AgentId is { } agentId)
        {
            var agent = _agents[agentId];
            agent.Held.Remove(conversationId);
            agent.CountHandled(now, entry.Conversation.Context.Escalated);
        }

        return true;
    }

    /// <summary>The queue of a conversation the board holds, waiting or assigned; null if it holds none.</summary>
    public string? QueueOf(string conversationId) =>
        _entries.TryGetValue(conversationId, out var entry) ? entry.Conversation.QueueId : null;

    /// <summary>Conversations of <paramref name="queueId"/> waiting for an offer.</summary>
    public int WaitingIn(string queueId) =>
        _entries.Values.Count(e => e.AgentId is null && e.Conversation.QueueId == queueId);

    /// <summary>How long the oldest waiting conversation has waited; null when none waits.</summary>
    public TimeSpan? OldestWait(DateTimeOffset now)
    {
        var waiting = _entries.Values.Where(e => e.AgentId is null).Select(e => e.Conversation.Arrived).ToList();
        return waiting.Count == 0 ? null : now - waiting.Min();
    }

    /// <summary>Every agent's load, in agent id order.</summary>
    public IReadOnlyList<AgentLoad> Loads(DateTimeOffset now) =>
    [
        .. _agents.Values
            .OrderBy(a => a.Profile.AgentId, StringComparer.Ordinal)
            .Select(a => new AgentLoad(
                a.Profile.AgentId, a.Profile.Tier, a.Online, a.Held.Count, a.FreeSlots, a.HandledToday(now),
                a.RemainingToday(now), a.EscalatedShare(now))),
    ];

    /// <summary>The eligible agent with the most spare capacity, preferring any the conversation never left.</summary>
    private static BoardAgent? Choose(List<BoardAgent> open, BoardEntry entry, DateTimeOffset now)
    {
        var eligible = open.Where(a => IsEligible(a, entry.Conversation, now)).ToList();
        var fresh = eligible.Where(a => !entry.Left.Contains(a.Profile.AgentId)).ToList();
        return (fresh.Count > 0 ? fresh : eligible)
            .OrderByDescending(a => a.FreeSlots)
            .ThenByDescending(a => a.RemainingToday(now))
            .ThenBy(a => a.IdleSince)
            .ThenBy(a => a.Profile.AgentId, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static bool IsEligible(BoardAgent agent, WaitingConversation conversation, DateTimeOffset now) =>
        agent.Online &&
        (agent.Profile.Queues.Count == 0 || agent.Profile.Queues.Contains(conversation.QueueId)) &&
        (conversation.RequiredTier is not { } tier || agent.Profile.Tier == tier) &&
        agent.FreeSlots > 0 &&
        agent.RemainingToday(now) > 0;

    /// <summary>How long the entry's agent has before it returns: to acknowledge, then to answer.</summary>
    private TimeSpan Limit(BoardEntry entry) => entry.Acknowledged ? options.ReassignAfter : options.AckTimeout;

    private AssignmentOffer OfferOf(BoardEntry entry)
    {
        var c = entry.Conversation;
        return new AssignmentOffer(
            c.ConversationId, c.QueueId, entry.AgentId!, entry.OfferedAt, entry.OfferedAt + options.AckTimeout,
            entry.Attempt, entry.Priority, c.Context, c.Deadline);
    }

    private double Score(BoardEntry entry, DateTimeOffset now)
    {
        var c = entry.Conversation;
        return priority.Score(c.Deadline, c.Context.LifetimeValue, c.Arrived, now);
    }

    private void Return(BoardEntry entry)
    {
        var agentId = entry.AgentId!;
        _agents[agentId].Held.Remove(entry.Conversation.ConversationId);
        entry.Left.Add(agentId);
        entry.AgentId = null;
    }

    private BoardAgent AgentOf(string agentId) => _agents.TryGetValue(agentId, out var agent)
        ? agent
        : throw new KeyNotFoundException($"No agent '{agentId}' is on the board.");
}
