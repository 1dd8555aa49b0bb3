using System.Globalization;
using Balancer.Api.Hosting;

namespace Balancer.Api.Limits;

/// <summary>Where a tenant's events a second are counted.</summary>
public enum LimitScope
{
    /// <summary>Each api host keeps a bucket of its own: behind n hosts, a tenant may reach n times the rate.</summary>
    Host,

    /// <summary>One bucket for the whole cluster, a grain per tenant, that the hosts draw from in slices.</summary>
    Cluster,
}

/// <summary>
/// What one tenant may ask of one api host, and how big a message may be. Section <c>Balancer:Limits</c>. The rates
/// are token buckets kept by each host for itself, so behind a load balancer with n hosts a tenant may reach n
/// times them, unless <see cref="EventScope"/> counts the events for the whole cluster.
/// </summary>
public sealed class LimitsOptions
{
    public const string Section = "Balancer:Limits";

    public const double MaxEventsPerSecond = 10_000_000;
    public const double MaxCallsPerSecond = 1_000_000;
    public const double MinRate = 0.001;

    /// <summary>
    /// Events a second one tenant may send to this host, over <c>Ingest.Stream</c> and <c>Ingest.Submit</c> together;
    /// a batch takes as many as it has events. Default: 100,000. Range: 0 (no limit), or 0.001 to 10,000,000.
    /// </summary>
    public double EventsPerSecond { get; set; } = 100_000;

    /// <summary>
    /// Events a tenant may send at once after a quiet spell: the bucket's size. Default: two seconds' worth of
    /// <see cref="EventsPerSecond"/>, and never less than a full batch (<c>Balancer:Api:MaxEventsPerBatch</c>).
    /// Range: that batch size to 100,000,000.
    /// </summary>
    public int? EventBurst { get; set; }

    /// <summary>
    /// Where the events' limit is kept: <see cref="LimitScope.Host"/>, each host for itself, or
    /// <see cref="LimitScope.Cluster"/>, one bucket per tenant for all hosts. Default: Host.
    /// </summary>
    public LimitScope EventScope { get; set; } = LimitScope.Host;

    /// <summary>
    /// Calls a second one tenant may make to this host, counting every rpc but the ingest ones; a stream counts
    /// once, when it opens, and a live hub connection twice, for its negotiate and its connect. The bootstrap key
    /// has a bucket of its own. Default: 1,000. Range: 0 (no limit), or
    /// 0.001 to 1,000,000.
    /// </summary>
    public double CallsPerSecond { get; set; } = 1000;

    /// <summary>
    /// Calls a tenant may make at once after a quiet spell. Default: two seconds' worth of
    /// <see cref="CallsPerSecond"/>, at least 1. Range: 1 to 10,000,000.
    /// </summary>
    public int? CallBurst { get; set; }

    /// <summary>
    /// Bytes of one gRPC message the host reads; a larger one fails its call with RESOURCE_EXHAUSTED.
    /// Default: 4 MiB (4,194,304). Range: 64 KiB to 64 MiB.
    /// </summary>
    public int MaxMessageBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Bytes of one message the live hub reads from a dashboard, which sends nothing but its join; a larger one
    /// closes the connection. Default: 4 KiB (4,096). Range: 1 KiB to 1 MiB.
    /// </summary>
    public int MaxHubMessageBytes { get; set; } = 4 * 1024;

    /// <summary>The bucket size of the events' limit, as configured or by default.</summary>
    public int EventBucket(int maxEventsPerBatch) =>
        EventBurst ?? (int)Math.Min(Math.Max(Math.Ceiling(2 * EventsPerSecond), maxEventsPerBatch), int.MaxValue);

    /// <summary>The bucket size of the calls' limit, as configured or by default.</summary>
    public int CallBucket => CallBurst ?? (int)Math.Max(1, Math.Ceiling(2 * CallsPerSecond));

    /// <param name="maxEventsPerBatch">The api's <see cref="ApiOptions.MaxEventsPerBatch"/>: a bucket smaller than
    /// a full batch would refuse it for ever.</param>
    public IEnumerable<string> Validate(int maxEventsPerBatch)
    {
        if (!IsRate(EventsPerSecond, MaxEventsPerSecond))
        {
            yield return $"{Section}:{nameof(EventsPerSecond)} must be 0 (no limit) or from 0.001 to 10000000; " +
                $"it is {EventsPerSecond.ToString(CultureInfo.InvariantCulture)}.";
        }

        if (EventBurst is { } events && (events < maxEventsPerBatch || events > 100_000_000))
        {
            yield return $"{Section}:{nameof(EventBurst)} must be from {maxEventsPerBatch} " +
                $"({ApiOptions.Section}:{nameof(ApiOptions.MaxEventsPerBatch)}, so that a full batch can pass) " +
                $"to 100000000; it is {events}.";
        }

        if (!Enum.IsDefined(EventScope))
        {
            yield return $"{Section}:{nameof(EventScope)} must be Host or Cluster; it is {EventScope}.";
        }

        if (!IsRate(CallsPerSecond, MaxCallsPerSecond))
        {
            yield return $"{Section}:{nameof(CallsPerSecond)} must be 0 (no limit) or from 0.001 to 1000000; " +
                $"it is {CallsPerSecond.ToString(CultureInfo.InvariantCulture)}.";
        }

        if (CallBurst is { } calls && (calls < 1 || calls > 10_000_000))
        {
            yield return $"{Section}:{nameof(CallBurst)} must be from 1 to 10000000; it is {calls}.";
        }

        if (MaxMessageBytes is < 64 * 1024 or > 64 * 1024 * 1024)
        {
            yield return $"{Section}:{nameof(MaxMessageBytes)} must be from 65536 to 67108864; " +
                $"it is {MaxMessageBytes}.";
        }

        if (MaxHubMessageBytes is < 1024 or > 1024 * 1024)
        {
            yield return $"{Section}:{nameof(MaxHubMessageBytes)} must be from 1024 to 1048576; " +
                $"it is {MaxHubMessageBytes}.";
        }
    }

    /// <summary>A rate as the options and the answers write it: 0.5, 2000.</summary>
    public static string Format(double rate) => rate.ToString("0.###", CultureInfo.InvariantCulture);

    private static bool IsRate(double rate, double max) => rate == 0 || (rate >= MinRate && rate <= max);
}
