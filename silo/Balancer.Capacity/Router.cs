namespace Balancer.Capacity;

/// <summary>
/// Chooses each reply's tier and queue by the tenant's <see cref="RoutingRules"/>, trying a rule
/// change on a stable slice of contacts first.
/// </summary>
/// <remarks>
/// <para>
/// A contact is in the trial when <see cref="StableHash.Percentile"/> of its id is below
/// <c>trialPercent</c>, so a contact stays on one side for as long as the split stands. Every
/// decision is tallied in <see cref="Trial"/>.
/// </para>
/// <para>
/// The router remembers complaint times per contact and automated touches per conversation, each for
/// at most <c>memory</c> entries: past that the least recently seen is forgotten. A reply routed to the
/// bot is one automated touch of its conversation.
/// </para>
/// <para>Not thread-safe; one tenant's grain owns an instance.</para>
/// </remarks>
public sealed class Router
{
    public const string ControlVariant = "control";

    public const string TrialVariant = "trial";

    /// <param name="trialPercent">
    /// Share of contacts, 0 to 100, routed by <paramref name="trial"/>; 0 without one.
    /// </param>
    /// <param name="memory">Contacts and conversations remembered, each. Default: 100,000.</param>
    public Router(RoutingRules control, RoutingRules? trial, int trialPercent, int memory = 100_000)
    {
        throw new NotImplementedException();
    }

    /// <summary>The tally of decisions and outcomes per variant.</summary>
    public RoutingTrial Trial => throw new NotImplementedException();

    /// <summary>Records the reply (its complaint, its automated touch) and says where it goes.</summary>
    public RouteDecision Route(InboundReply reply)
    {
        throw new NotImplementedException();
    }

    /// <summary>Which variant routes <paramref name="contactId"/>.</summary>
    public string VariantOf(string contactId)
    {
        throw new NotImplementedException();
    }

    /// <summary>The context to hand over with the reply's conversation, from what the router remembers now.</summary>
    public HandoffContext Handoff(InboundReply reply, string triggerSource, string? botTranscript)
    {
        throw new NotImplementedException();
    }
}
