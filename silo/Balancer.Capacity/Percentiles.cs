namespace Balancer.Capacity;

public static class Percentiles
{
    /// <summary>
    /// The nearest-rank percentile of values already sorted ascending: the smallest value with at
    /// least <paramref name="quantile"/> of the sample at or below it. Null for an empty sample.
    /// </summary>
    public static double? NearestRank(ReadOnlySpan<double> sorted, double quantile)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantile);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quantile, 1.0);
        if (sorted.IsEmpty)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(quantile * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }
}
