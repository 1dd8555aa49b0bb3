namespace Balancer.Contracts.Model;

/// <summary>A count over the rolling windows of 15 minutes, 1 hour and 24 hours.</summary>
[GenerateSerializer, Immutable, Alias("balancer.Counts")]
public sealed record Counts(long FifteenMinutes, long OneHour, long OneDay)
{
    public static readonly Counts Zero = new(0, 0, 0);
}

/// <summary>A rate over the same windows; null where the sample is below the minimum.</summary>
[GenerateSerializer, Immutable, Alias("balancer.Rates")]
public sealed record Rates(double? FifteenMinutes, double? OneHour, double? OneDay)
{
    public static readonly Rates None = new(null, null, null);
}
