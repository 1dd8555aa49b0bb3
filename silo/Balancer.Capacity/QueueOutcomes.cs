namespace Balancer.Capacity;

public enum OpenKind
{
    /// <summary>A new conversation now waits for its first human response.</summary>
    Opened,

    /// <summary>The conversation was already open; its clock is unchanged.</summary>
    AlreadyOpen,
}

public enum ResponseKind
{
    /// <summary>No open conversation has that id.</summary>
    Unknown,

    /// <summary>The first response came inside the reply window.</summary>
    InTime,

    /// <summary>The first response came after the deadline, whose breach was already counted.</summary>
    Late,

    /// <summary>The first response came after the deadline before the breach was counted; it is counted now.</summary>
    LateBreach,

    /// <summary>
    /// The first response came in time but arrived after the breach was counted, which is now undone.
    /// </summary>
    Revoked,

    /// <summary>A further response to a conversation already answered.</summary>
    AlreadyAnswered,
}

/// <summary>What a response did to its conversation.</summary>
/// <param name="Wait">From opening to the first response; zero unless this was the first.</param>
public readonly record struct ResponseOutcome(ResponseKind Kind, Attribution Source, bool Escalated, TimeSpan Wait)
{
    public bool IsFirst => Kind is ResponseKind.InTime or ResponseKind.Late or ResponseKind.LateBreach
        or ResponseKind.Revoked;

    /// <summary>+1 when this response counted a breach, -1 when it undid one, else 0.</summary>
    public int BreachDelta => Kind switch
    {
        ResponseKind.LateBreach => 1,
        ResponseKind.Revoked => -1,
        _ => 0,
    };
}

/// <summary>What resolving a conversation released.</summary>
/// <param name="AgentId">The agent who gave the first response, or null if none did.</param>
/// <param name="HandleTime">From the first response to resolution, when there was one.</param>
public readonly record struct ResolveOutcome(bool Found, Attribution Source, string? AgentId, TimeSpan? HandleTime);

/// <summary>A conversation whose deadline passed unanswered.</summary>
public readonly record struct Breach(string ConversationId, Attribution Source, DateTimeOffset Deadline);
