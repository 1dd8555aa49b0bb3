namespace Balancer.Capacity;

/// <summary>A contact wrote back: what the router needs to choose a tier.</summary>
/// <param name="Step">The sequence step the reply is attributed to, from 1.</param>
/// <param name="Intent">The classified intent, if any.</param>
/// <param name="Complaint">Whether this reply is a complaint; it counts towards the contact's history.</param>
public sealed record InboundReply(
    string ConversationId,
    string ContactId,
    string SequenceId,
    int Step,
    string? Intent,
    decimal LifetimeValue,
    bool Complaint,
    DateTimeOffset At);

/// <summary>Where a reply goes.</summary>
/// <param name="Rule">Which rule fired, in words.</param>
/// <param name="Variant"><see cref="Router.ControlVariant"/> or <see cref="Router.TrialVariant"/>.</param>
public sealed record RouteDecision(RouteTier Tier, string QueueId, string Rule, string Variant);

/// <summary>
/// What travels with a conversation so the human never makes the customer repeat themselves.
/// </summary>
/// <param name="TriggerSource">What started the sequence: a sign-up, an abandoned cart, an invoice.</param>
/// <param name="BotTranscript">What the bot already said, or a reference to it; null if no bot touched it.</param>
/// <param name="ComplaintCount">The contact's complaints within the complaint window.</param>
/// <param name="AutomatedTouches">Bot answers in this conversation before it reached a human.</param>
public sealed record HandoffContext(
    string TriggerSource,
    string SequenceId,
    int Step,
    string? BotTranscript,
    decimal LifetimeValue,
    int ComplaintCount,
    int AutomatedTouches)
{
    /// <summary>The conversation came to a human from the bot.</summary>
    public bool Escalated => AutomatedTouches > 0;
}
