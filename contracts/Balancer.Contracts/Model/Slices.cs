namespace Balancer.Contracts.Model;

[GenerateSerializer, Alias("balancer.SequenceEventKind")]
public enum SequenceEventKind
{
    Send = 1,
    Reply = 2,
    BotResolved = 3,
    Escalated = 4,
    Conversion = 5,
}

/// <summary>One event as a sequence sees it.</summary>
/// <param name="NeedsHuman">For a reply: it went to a human, not to a bot first.</param>
[GenerateSerializer, Immutable, Alias("balancer.SequenceEvent")]
public readonly record struct SequenceEvent(
    SequenceEventKind Kind, int Step, DateTimeOffset At, string ContactId, Channel Channel, bool NeedsHuman);

/// <summary>The events of one batch that concern one sequence, in batch order.</summary>
/// <param name="Epoch">
/// The tenant's epoch the batch was admitted in (<see cref="Grains.IIngestGateGrain"/>); a grain whose figures
/// belong to another epoch refuses the slice. 0 where the tenant's figures are not rebuilt from a journal.
/// </param>
[GenerateSerializer, Immutable, Alias("balancer.SequenceSlice")]
public sealed record SequenceSlice(IReadOnlyList<SequenceEvent> Events, long Epoch = 0);

/// <summary>What a sequence slice changed that the tenant's rollup needs.</summary>
[GenerateSerializer, Immutable, Alias("balancer.SequenceApplied")]
public readonly record struct SequenceApplied(int Entries, int RepeatEntries);

[GenerateSerializer, Alias("balancer.QueueEventKind")]
public enum QueueEventKind
{
    /// <summary>A reply for a human, or a bot's escalation: the conversation waits for a first response.</summary>
    Open = 1,
    Respond = 2,
    Resolve = 3,
}

/// <summary>One event as a queue sees it.</summary>
/// <param name="Index">The event's position in its batch, to name it in a rejection.</param>
[GenerateSerializer, Immutable, Alias("balancer.QueueEvent")]
public readonly record struct QueueEvent(
    QueueEventKind Kind, int Index, string ConversationId, DateTimeOffset At, string SequenceId, int Step,
    bool Escalated, string AgentId);

[GenerateSerializer, Immutable, Alias("balancer.QueueSlice")]
public sealed record QueueSlice(IReadOnlyList<QueueEvent> Events, long Epoch = 0);

/// <summary>An event a grain refused because of what it holds, such as a conversation it does not know.</summary>
[GenerateSerializer, Immutable, Alias("balancer.SliceRejection")]
public readonly record struct SliceRejection(int Index, string Field, string Reason);

/// <summary>
/// What a queue slice did: the events refused, and the work its responses and resolutions gave
/// agents, which the caller delivers with the rest of the batch's agent events, one call per agent.
/// </summary>
[GenerateSerializer, Immutable, Alias("balancer.QueueApplied")]
public sealed record QueueApplied(IReadOnlyList<SliceRejection> Rejected, IReadOnlyList<AgentWork> AgentWork);

/// <summary>One event for one agent, produced by a queue.</summary>
[GenerateSerializer, Immutable, Alias("balancer.AgentWork")]
public readonly record struct AgentWork(string AgentId, AgentEvent Event);

[GenerateSerializer, Alias("balancer.AgentEventKind")]
public enum AgentEventKind
{
    Presence = 1,
    Response = 2,
    Closure = 3,
}

/// <summary>One event as an agent sees it: a presence change from the api, or work from a queue.</summary>
/// <param name="First">For a response: the conversation's first human response.</param>
/// <param name="Escalated">For a response: the conversation came to humans from a bot.</param>
[GenerateSerializer, Immutable, Alias("balancer.AgentEvent")]
public readonly record struct AgentEvent(
    AgentEventKind Kind, DateTimeOffset At, Presence Presence, string ConversationId, bool First, bool Escalated);

[GenerateSerializer, Immutable, Alias("balancer.AgentSlice")]
public sealed record AgentSlice(IReadOnlyList<AgentEvent> Events, long Epoch = 0);

/// <summary>
/// What became of one step's conversations in a queue: breaches blamed on it (negative undoes revoked
/// ones) and conversations humans resolved.
/// </summary>
[GenerateSerializer, Immutable, Alias("balancer.StepOutcomes")]
public readonly record struct StepOutcomes(int Step, int Breaches, int Resolved);

/// <summary>What a batch or a queue's report adds to its tenant's rollup.</summary>
[GenerateSerializer, Immutable, Alias("balancer.TenantActivityReport")]
public readonly record struct TenantActivityReport(
    long Sends, long HumanReplies, long BotReplies, long Escalated, long Entries, long RepeatEntries,
    long Met, long Breached)
{
    public bool IsEmpty => this == default;
}
