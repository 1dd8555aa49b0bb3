using Balancer.Capacity;
using Balancer.Contracts.Model;
using AgentTier = Balancer.Contracts.Model.AgentTier;
using RouteTier = Balancer.Contracts.Model.RouteTier;

namespace Balancer.Grains;

/// <summary>Turns the dispatch grain's records into the arithmetic's types and back.</summary>
internal static class DispatchMapping
{
    private static readonly RoutingRules Defaults = new();

    /// <summary>The rules as set, with the router's defaults where the tenant left a setting out.</summary>
    public static RoutingRules ToRules(this RoutingRuleSettings s) => Defaults with
    {
        BotIntents = s.BotIntents,
        EscalateAfterTouches = s.EscalateAfterTouches ?? Defaults.EscalateAfterTouches,
        SeniorQueueId = s.SeniorQueueId,
        SeniorLifetimeValue = s.SeniorLifetimeValue,
        SeniorComplaints = s.SeniorComplaints,
        ComplaintWindow = s.ComplaintWindow ?? Defaults.ComplaintWindow,
        OverflowQueueId = s.OverflowQueueId,
    };

    public static AgentProfile ToProfile(this AgentSettings s, string agentId) =>
        new(agentId, (Capacity.AgentTier)(int)s.Tier, s.Slots, s.DailyCeiling, []);

    public static RouteTier ToContract(this Capacity.RouteTier tier) => (RouteTier)(int)tier;

    public static ConversationOffer ToContract(this AssignmentOffer o, string tenantId) => new(
        tenantId, o.AgentId, o.ConversationId, o.QueueId, o.At, o.AckBy, o.Attempt, o.Priority, o.Deadline,
        o.Context.ToContract());

    public static Handoff ToContract(this HandoffContext c) => new(
        c.TriggerSource, c.SequenceId, c.Step, c.BotTranscript ?? "", c.LifetimeValue, c.ComplaintCount,
        c.AutomatedTouches);

    public static VariantFigures ToContract(this TrialFigures f) => new(
        f.Variant, f.Routed, f.ToBot, f.ToSenior, f.ToOverflow, f.Breaches, f.AnsweredInWindow, f.BreachRate,
        f.FirstResponseP90?.TotalSeconds);

    public static AgentLoadFigures ToContract(this AgentLoad l) => new(
        l.AgentId, (AgentTier)(int)l.Tier, l.Online, l.Assigned, l.FreeSlots, l.HandledToday, l.RemainingToday,
        l.EscalatedShare);
}
