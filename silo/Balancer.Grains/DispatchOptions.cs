namespace Balancer.Grains;

/// <summary>How the dispatch grains route and assign. Section <c>Balancer:Dispatch</c>.</summary>
/// <remarks>
/// How offers are made is in <c>Balancer:Assignment</c> (<see cref="Capacity.AssignmentOptions"/>), how
/// waiting work is ordered in <c>Balancer:Priority</c> (<see cref="Capacity.PriorityOptions"/>).
/// </remarks>
public sealed class DispatchOptions
{
    public const string Section = "Balancer:Dispatch";

    /// <summary>
    /// How often a routed tenant's board returns what timed out and makes its offers; an offer is made
    /// at most this late. Default: 250 ms. Range: 10 ms to 5 s.
    /// </summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Contacts whose complaints, and conversations whose automated touches, the router remembers, each;
    /// past that the least recently seen is forgotten. Default: 100,000. Range: 1,000 to 10,000,000.
    /// </summary>
    public int RouterMemory { get; set; } = 100_000;

    /// <summary>
    /// How long an api host keeps receiving an agent's offers unless it renews. Hosts renew every 30 s
    /// while the agent's stream is open, so the floor leaves room for two missed renewals.
    /// Default: 2 minutes. Range: 90 s to 1 hour.
    /// </summary>
    public TimeSpan ListenerExpiry { get; set; } = TimeSpan.FromMinutes(2);
}
