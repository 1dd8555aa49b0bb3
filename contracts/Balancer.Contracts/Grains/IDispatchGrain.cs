using Balancer.Contracts.Model;

namespace Balancer.Contracts.Grains;

/// <summary>
/// A tenant's routing and assignment: its router with the control and trial rules, and the board of
/// conversations waiting for agents. Routes the replies that name no queue, and offers what waits to
/// the agents, pushing each offer to the api hosts where the agent is connected. Key: the tenant id.
/// </summary>
[Alias("balancer.IDispatchGrain")]
public interface IDispatchGrain : IRecoverableGrain
{
    /// <summary>Sets the rules; the first call turns on routing and assignment.</summary>
    [Alias("Configure")]
    Task Configure(RoutingSettings settings);

    /// <summary>A queue's reply window, which sets the deadlines of its conversations on the board.</summary>
    [Alias("UpsertQueue")]
    Task UpsertQueue(string queueId, TimeSpan replyWindow);

    /// <summary>An agent's tier, slots and daily ceiling, which the board assigns by.</summary>
    [Alias("UpsertAgent")]
    Task UpsertAgent(string agentId, AgentSettings settings);

    /// <summary>A sequence's trigger source, which every handoff of its conversations carries.</summary>
    [Alias("UpsertSequence")]
    Task UpsertSequence(string sequenceId, string triggerSource);

    /// <summary>Applies one batch's events in order; returns where its routed replies go.</summary>
    [Alias("Apply")]
    Task<DispatchApplied> Apply(DispatchSlice slice);

    [Alias("GetRouting")]
    Task<RoutingReport> GetRouting();

    /// <summary>
    /// Pushes the agent's offers to <paramref name="observer"/> until it expires, unless renewed by
    /// calling again; returns the offers open to the agent now.
    /// </summary>
    [Alias("Listen")]
    Task<IReadOnlyList<ConversationOffer>> Listen(string agentId, IAssignmentObserver observer);

    [Alias("StopListening")]
    Task StopListening(string agentId, IAssignmentObserver observer);

    [Alias("Acknowledge")]
    Task<OfferReceipt> Acknowledge(string agentId, string conversationId);

    /// <summary>The agent turns the offer down; it goes to another agent at once.</summary>
    [Alias("Decline")]
    Task<OfferReceipt> Decline(string agentId, string conversationId);
}
