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
/// its last offer or since it came online), then by id.
/// </para>
/// <para>
/// An offer holds a slot until the conversation is resolved or returns to its queue. It returns
/// with its original arrival time and deadline when unacknowledged past
/// <see cref="AssignmentOptions.AckTimeout"/>, unanswered past <see cref="AssignmentOptions.ReassignAfter"/>
/// from the offer, or when its agent goes offline before answering; it is then offered to another
/// eligible agent, and back to the one it left only if no other is eligible.
/// </para>
/// <para>Days are UTC days. Not thread-safe; one queue's or tenant's grain owns an instance.</para>
/// </remarks>
public sealed class AssignmentBoard(AssignmentOptions options, PriorityScore priority)
{
    private readonly AssignmentOptions _options = options;
    private readonly PriorityScore _priority = priority;

    /// <summary>Adds an agent or changes one; a change keeps its presence, assignments and day's count.</summary>
    public void UpsertAgent(AgentProfile profile)
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// Marks an agent online or offline. Going offline returns its unanswered conversations to their
    /// queues with their original age; answered ones stay with it.
    /// </summary>
    public void SetPresence(string agentId, bool online, DateTimeOffset now)
    {
        throw new NotImplementedException();
    }

    /// <summary>Puts a conversation in its queue; false if the board already holds one of that id.</summary>
    public bool Enqueue(WaitingConversation conversation)
    {
        throw new NotImplementedException();
    }

    /// <summary>Returns what timed out to its queue, then makes and returns the offers, in the order made.</summary>
    public IReadOnlyList<AssignmentOffer> Dispatch(DateTimeOffset now)
    {
        throw new NotImplementedException();
    }

    /// <summary>The agent takes the offer; false unless it is that agent's open offer.</summary>
    public bool Acknowledge(string conversationId, string agentId, DateTimeOffset now)
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// The conversation's first human response; it stays with its agent from now on. An unacknowledged
    /// offer counts as acknowledged. False unless the conversation is assigned.
    /// </summary>
    public bool Answered(string conversationId, DateTimeOffset now)
    {
        throw new NotImplementedException();
    }

    /// <summary>
    /// The conversation is done: it leaves the board, frees its agent's slot and counts towards the
    /// agent's day. A conversation resolved while waiting just leaves. False if the board does not hold it.
    /// </summary>
    public bool Resolved(string conversationId, DateTimeOffset now)
    {
        throw new NotImplementedException();
    }

    /// <summary>Conversations waiting for an offer.</summary>
    public int WaitingCount => throw new NotImplementedException();

    /// <summary>Conversations of <paramref name="queueId"/> waiting for an offer.</summary>
    public int WaitingIn(string queueId)
    {
        throw new NotImplementedException();
    }

    /// <summary>How long the oldest waiting conversation has waited; null when none waits.</summary>
    public TimeSpan? OldestWait(DateTimeOffset now)
    {
        throw new NotImplementedException();
    }

    /// <summary>Every agent's load, in agent id order.</summary>
    public IReadOnlyList<AgentLoad> Loads(DateTimeOffset now)
    {
        throw new NotImplementedException();
    }
}
