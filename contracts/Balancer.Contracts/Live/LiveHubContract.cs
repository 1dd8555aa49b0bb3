namespace Balancer.Contracts.Live;

/// <summary>The names shared by the live hub and its clients, so neither side spells them twice.</summary>
public static class LiveHubContract
{
    /// <summary>Where the hub is mapped.</summary>
    public const string Path = "/hubs/live";

    /// <summary>
    /// Server method, without arguments: joins the caller to the live view of its credential's tenant and
    /// returns its current <see cref="LiveSnapshot"/>.
    /// </summary>
    public const string Join = "Join";

    /// <summary>Client method: a <see cref="Model.LiveWarning"/>, raised or recovered.</summary>
    public const string Warning = "warning";

    /// <summary>Client method: a <see cref="LiveSnapshot"/> of the figures that changed, coalesced.</summary>
    public const string Snapshot = "snapshot";

    /// <summary>
    /// Server to client: a <see cref="Model.SequenceDirective"/>, each time the cadence controller
    /// changes one of the tenant's sequences.
    /// </summary>
    public const string Directive = "directive";

    /// <summary>
    /// Server to client, with the reason as a string: the connection's credential no longer holds (the key was
    /// revoked, the token expired). The server closes the connection shortly after; reconnecting with the same
    /// credential is refused.
    /// </summary>
    public const string Ended = "ended";
}
