namespace Balancer.Contracts.Model;

/// <summary>What travels with a conversation so that the human never makes the customer repeat themselves.</summary>
/// <param name="TriggerSource">What started the sequence: a sign-up, an abandoned cart, an invoice.</param>
/// <param name="BotTranscript">What the bot already said, or a reference to it; empty if no bot touched it.</param>
/// <param name="ComplaintCount">The contact's complaints within the complaint window.</param>
/// <param name="AutomatedTouches">Bot answers before it reached a human; above 0 it was escalated.</param>
[GenerateSerializer, Immutable, Alias("balancer.Handoff")]
public sealed record Handoff(
    string TriggerSource,
    string SequenceId,
    int Step,
    string BotTranscript,
    decimal LifetimeValue,
    int ComplaintCount,
    int AutomatedTouches);

/// <summary>A conversation offered to an agent, who acknowledges it by <paramref name="AckBy"/>.</summary>
/// <param name="Attempt">1 for the first offer, one more for each return to the queue.</param>
/// <param name="Priority">The score it was ordered by.</param>
/// <param name="Deadline">When its reply window ends.</param>
[GenerateSerializer, Immutable, Alias("balancer.ConversationOffer")]
public sealed record ConversationOffer(
    string TenantId,
    string AgentId,
    string ConversationId,
    string QueueId,
    DateTimeOffset At,
    DateTimeOffset AckBy,
    int Attempt,
    double Priority,
    DateTimeOffset Deadline,
    Handoff Handoff);

/// <summary>What became of an agent's acknowledgement or decline.</summary>
/// <param name="Reason">Why it was refused, in words; empty when accepted.</param>
[GenerateSerializer, Immutable, Alias("balancer.OfferReceipt")]
public sealed record OfferReceipt(string ConversationId, bool Accepted, string Reason);

/// <summary>What an event of a routed tenant's batch is to its dispatch grain.</summary>
[GenerateSerializer, Alias("balancer.DispatchEventKind")]
public enum DispatchEventKind
{
    /// <summary>A reply that names no queue: the tenant's rules decide where it goes.</summary>
    Route = 1,

    /// <summary>A reply for a human or a bot's escalation that named its queue.</summary>
    Open = 2,

    /// <summary>An agent's response; the board takes the first.</summary>
    Respond = 3,

    Resolve = 4,

    Presence = 5,
}

/// <summary>What a reply or an escalation says of its contact, for routing and the handoff.</summary>
/// <param name="ContactId">Empty when unknown, as for an escalation that names none.</param>
/// <param name="AutomatedTouches">Bot answers the sender reports before this event.</param>
[GenerateSerializer, Immutable, Alias("balancer.ReplyFacts")]
public sealed record ReplyFacts(
    string ContactId,
    string SequenceId,
    int Step,
    string Intent,
    decimal LifetimeValue,
    bool Complaint,
    string BotTranscript,
    int AutomatedTouches);

/// <summary>One event as the dispatch grain sees it.</summary>
/// <param name="Index">The event's position in its batch, to name it in a rejection or a route.</param>
/// <param name="QueueId">
/// The queue the event names. A response or a resolution naming one counts only for a conversation the board holds
/// there; one naming none counts wherever the board holds it.
/// </param>
/// <param name="Reply">For <see cref="DispatchEventKind.Route"/> and <see cref="DispatchEventKind.Open"/>.</param>
/// <param name="Online">For a presence change: the agent can take work now.</param>
[GenerateSerializer, Immutable, Alias("balancer.DispatchEvent")]
public readonly record struct DispatchEvent(
    DispatchEventKind Kind,
    int Index,
    DateTimeOffset At,
    string ConversationId,
    string QueueId,
    string AgentId,
    ReplyFacts? Reply,
    bool Online);

/// <summary>The events of one batch that concern a routed tenant's dispatch, in batch order.</summary>
[GenerateSerializer, Immutable, Alias("balancer.DispatchSlice")]
public sealed record DispatchSlice(IReadOnlyList<DispatchEvent> Events, long Epoch = 0);

/// <summary>Where one routed reply goes.</summary>
/// <param name="QueueId">The queue it opens in; empty for the bot.</param>
/// <param name="Escalated">It comes to a human from the bot.</param>
[GenerateSerializer, Immutable, Alias("balancer.RoutedReply")]
public readonly record struct RoutedReply(int Index, RouteTier Tier, string QueueId, bool Escalated);

/// <summary>The routes of a dispatch slice's replies, in batch order, and the events it refused.</summary>
[GenerateSerializer, Immutable, Alias("balancer.DispatchApplied")]
public sealed record DispatchApplied(IReadOnlyList<RoutedReply> Routed, IReadOnlyList<SliceRejection> Rejected);
