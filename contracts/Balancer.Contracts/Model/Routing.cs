namespace Balancer.Contracts.Model;

/// <summary>
/// Who answers a conversation first. Mirrors <c>Balancer.Capacity.RouteTier</c> value for value.
/// </summary>
[GenerateSerializer, Alias("balancer.RouteTier")]
public enum RouteTier
{
    Bot = 1,
    Senior = 2,
    Overflow = 3,
}

/// <summary>One variant of a tenant's routing rules, as the api checked them and as the tenant set them.</summary>
/// <param name="BotIntents">Intents the bot answers, compared ignoring case.</param>
/// <param name="EscalateAfterTouches">
/// Automated touches after which a bot conversation goes to a human; null for the router's default.
/// </param>
/// <param name="SeniorLifetimeValue">Above this a contact goes to the senior queue; null turns the rule off.</param>
/// <param name="SeniorComplaints">
/// Complaints within <paramref name="ComplaintWindow"/> that send a contact to the senior queue; null turns it off.
/// </param>
/// <param name="ComplaintWindow">How far back complaints count; null for the router's default.</param>
[GenerateSerializer, Immutable, Alias("balancer.RoutingRuleSettings")]
public sealed record RoutingRuleSettings(
    IReadOnlyList<string> BotIntents,
    int? EscalateAfterTouches,
    string SeniorQueueId,
    decimal? SeniorLifetimeValue,
    int? SeniorComplaints,
    TimeSpan? ComplaintWindow,
    string OverflowQueueId);

/// <summary>A tenant's routing: the control rules, and the rules tried on a share of its contacts.</summary>
/// <param name="TrialPercent">From 0 to 100; 0 without <paramref name="Trial"/>.</param>
[GenerateSerializer, Immutable, Alias("balancer.RoutingSettings")]
public sealed record RoutingSettings(RoutingRuleSettings Control, RoutingRuleSettings? Trial, int TrialPercent);

/// <summary>How one variant of the rules routed, and what became of the conversations it sent to humans.</summary>
/// <param name="Variant">"control" or "trial".</param>
/// <param name="BreachRate">Breaches over breaches and answers in the window; null before either.</param>
[GenerateSerializer, Immutable, Alias("balancer.VariantFigures")]
public sealed record VariantFigures(
    string Variant,
    long Routed,
    long ToBot,
    long ToSenior,
    long ToOverflow,
    long Breaches,
    long AnsweredInWindow,
    double? BreachRate,
    double? FirstResponseP90Seconds);

/// <summary>One agent's load on the assignment board.</summary>
/// <param name="Assigned">Conversations offered to or held by the agent.</param>
/// <param name="EscalatedShare">
/// Share of today's resolved conversations that came from the bot; null before any.
/// </param>
[GenerateSerializer, Immutable, Alias("balancer.AgentLoadFigures")]
public sealed record AgentLoadFigures(
    string AgentId,
    AgentTier Tier,
    bool Online,
    int Assigned,
    int FreeSlots,
    int HandledToday,
    int RemainingToday,
    double? EscalatedShare);

/// <summary>What waits on a tenant's assignment board, and each agent's load.</summary>
/// <param name="Waiting">Conversations waiting for an offer.</param>
/// <param name="WaitingByQueue">The same, per queue that has any.</param>
[GenerateSerializer, Immutable, Alias("balancer.BoardFigures")]
public sealed record BoardFigures(
    int Waiting,
    IReadOnlyDictionary<string, int> WaitingByQueue,
    double? OldestWaitSeconds,
    IReadOnlyList<AgentLoadFigures> Agents);

/// <summary>A tenant's routing rules, the variants' results side by side, and its board.</summary>
/// <param name="Settings">Null until rules are set.</param>
/// <param name="Variants">Control first, then the trial if one is set; counted since the rules last changed.</param>
[GenerateSerializer, Immutable, Alias("balancer.RoutingReport")]
public sealed record RoutingReport(
    string TenantId,
    RoutingSettings? Settings,
    IReadOnlyList<VariantFigures> Variants,
    BoardFigures Board,
    DateTimeOffset At);
