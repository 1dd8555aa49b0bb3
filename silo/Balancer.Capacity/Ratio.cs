namespace Balancer.Capacity;

/// <summary>Rates and ratios that are undefined, not zero, when the sample is too small to mean anything.</summary>
public static class Ratio
{
    /// <summary>
    /// <paramref name="part"/> over <paramref name="whole"/>, or null below <paramref name="minimumWhole"/>.
    /// </summary>
    public static double? Of(long part, long whole, long minimumWhole = 1) =>
        whole < Math.Max(1, minimumWhole) ? null : (double)part / whole;
}
