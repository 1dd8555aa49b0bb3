namespace Balancer.Capacity;

/// <summary>What the board knows of one agent beyond its profile.</summary>
internal sealed class BoardAgent(AgentProfile profile)
{
    private DateOnly _day;
    private int _handled;
    private int _escalated;

    public AgentProfile Profile { get; set; } = profile;

    public bool Online { get; set; }

    /// <summary>Since its last offer or since it came online.</summary>
    public DateTimeOffset IdleSince { get; set; } = DateTimeOffset.MinValue;

    /// <summary>Conversations offered to or held by the agent.</summary>
    public HashSet<string> Held { get; } = new(StringComparer.Ordinal);

    public int FreeSlots => Math.Max(0, Profile.Slots - Held.Count);

    public int HandledToday(DateTimeOffset now)
    {
        RollDay(now);
        return _handled;
    }

    /// <summary>Room under the daily ceiling once what it holds is resolved too.</summary>
    public int RemainingToday(DateTimeOffset now) => Math.Max(0, Profile.DailyCeiling - HandledToday(now) - Held.Count);

    public double? EscalatedShare(DateTimeOffset now)
    {
        RollDay(now);
        return Ratio.Of(_escalated, _handled);
    }

    public void CountHandled(DateTimeOffset now, bool escalated)
    {
        RollDay(now);
        _handled++;
        _escalated += escalated ? 1 : 0;
    }

    private void RollDay(DateTimeOffset now)
    {
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        if (day > _day)
        {
            _day = day;
            _handled = 0;
            _escalated = 0;
        }
    }
}

/// <summary>A conversation on the board, waiting or assigned.</summary>
internal sealed class BoardEntry(WaitingConversation conversation)
{
    public WaitingConversation Conversation { get; } = conversation;

    /// <summary>The agent it is offered to or held by; null while it waits.</summary>
    public string? AgentId { get; set; }

    public DateTimeOffset OfferedAt { get; private set; }

    /// <summary>The score it was ordered by when last offered.</summary>
    public double Priority { get; private set; }

    public bool Acknowledged { get; set; }

    public bool Answered { get; set; }

    /// <summary>Offers made so far.</summary>
    public int Attempt { get; private set; }

    /// <summary>Agents it returned from, offered again only when nobody else is eligible.</summary>
    public HashSet<string> Left { get; } = new(StringComparer.Ordinal);

    public void Offer(string agentId, DateTimeOffset now, double priority)
    {
        AgentId = agentId;
        OfferedAt = now;
        Priority = priority;
        Acknowledged = false;
        Attempt++;
    }
}
