namespace Balancer.Capacity;

/// <summary>
/// An agent as the board sees it; presence is set apart, with <see cref="AssignmentBoard.SetPresence"/>.
/// </summary>
/// <param name="Slots">Conversations the agent may hold at once.</param>
/// <param name="DailyCeiling">Conversations the agent may resolve in one UTC day, those held included.</param>
/// <param name="Queues">Queues the agent serves; empty for every queue.</param>
public sealed record AgentProfile(
    string AgentId, AgentTier Tier, int Slots, int DailyCeiling, IReadOnlyList<string> Queues);

/// <summary>A conversation waiting for a human.</summary>
/// <param name="RequiredTier">
/// Only agents of this tier may take it (Senior for the senior queue); null for any human.
/// </param>
/// <param name="Arrived">When it started waiting; a returned conversation keeps it.</param>
/// <param name="Deadline">When its reply window ends.</param>
/// <param name="Context">What travels with it; its lifetime value feeds the priority.</param>
public sealed record WaitingConversation(
    string ConversationId,
    string QueueId,
    AgentTier? RequiredTier,
    DateTimeOffset Arrived,
    DateTimeOffset Deadline,
    HandoffContext Context);

/// <summary>A conversation offered to an agent, to acknowledge by <paramref name="AckBy"/>.</summary>
/// <param name="Attempt">1 for the first offer, one more for each return to the queue.</param>
/// <param name="Priority">The score it was ordered by.</param>
/// <param name="Deadline">When its reply window ends.</param>
public sealed record AssignmentOffer(
    string ConversationId,
    string QueueId,
    string AgentId,
    DateTimeOffset At,
    DateTimeOffset AckBy,
    int Attempt,
    double Priority,
    HandoffContext Context,
    DateTimeOffset Deadline);

/// <summary>One agent's load, for the live views.</summary>
/// <param name="Assigned">Conversations offered to or held by the agent.</param>
/// <param name="RemainingToday">Daily ceiling less handled today and assigned; never below 0.</param>
/// <param name="EscalatedShare">
/// Share of the conversations resolved today that came from the bot; null before any.
/// </param>
public sealed record AgentLoad(
    string AgentId,
    AgentTier Tier,
    bool Online,
    int Assigned,
    int FreeSlots,
    int HandledToday,
    int RemainingToday,
    double? EscalatedShare);
