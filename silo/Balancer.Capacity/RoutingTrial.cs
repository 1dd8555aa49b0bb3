namespace Balancer.Capacity;

/// <summary>One variant's results.</summary>
/// <param name="AnsweredInWindow">Conversations first answered inside their reply window.</param>
/// <param name="FirstResponseP90">
/// 90th percentile (nearest rank) of the last 4,096 first-response times; null before any.
/// </param>
public sealed record TrialFigures(
    string Variant,
    long Routed,
    long ToBot,
    long ToSenior,
    long ToOverflow,
    long Breaches,
    long AnsweredInWindow,
    TimeSpan? FirstResponseP90)
{
    /// <summary>Breaches over breaches and answers in the window; null before either.</summary>
    public double? BreachRate => Ratio.Of(Breaches, Breaches + AnsweredInWindow);
}

/// <summary>Tallies routing decisions and their outcomes per variant, so a trial shows beside its control.</summary>
/// <remarks>
/// A late answer to a breached conversation is reported with <c>withinWindow</c> false: it adds a
/// first-response time and no second outcome. Not thread-safe; the owner of the <see cref="Router"/> owns it.
/// </remarks>
public sealed class RoutingTrial
{
    private const int Samples = 4096;

    private readonly Dictionary<string, Tally> _tallies = new(StringComparer.Ordinal);

    /// <summary>Counts one decision under its variant.</summary>
    public void Record(RouteDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var tally = Of(decision.Variant);
        tally.Routed++;
        tally.ByTier[(int)decision.Tier - 1]++;
    }

    /// <summary>A conversation of <paramref name="variant"/> got its first human response.</summary>
    public void Answered(string variant, TimeSpan firstResponse, bool withinWindow)
    {
        var tally = Of(variant);
        tally.AnsweredInWindow += withinWindow ? 1 : 0;
        tally.FirstResponses[tally.Next] = firstResponse.TotalSeconds;
        tally.Next = (tally.Next + 1) % Samples;
        tally.Count = Math.Min(tally.Count + 1, Samples);
    }

    /// <summary>A conversation of <paramref name="variant"/> breached its reply window.</summary>
    public void Breached(string variant) => Of(variant).Breaches++;

    /// <summary>
    /// A breach counted at the deadline is undone: the first response was stamped before it and arrived
    /// after, as a queue undoes it too. Report the response itself with <see cref="Answered"/>.
    /// </summary>
    public void Revoked(string variant)
    {
        var tally = Of(variant);
        tally.Breaches = Math.Max(0, tally.Breaches - 1);
    }

    /// <summary>Control first, then the trial, then any other variant in ordinal order; only variants seen.</summary>
    public IReadOnlyList<TrialFigures> Figures() =>
    [
        .. _tallies
            .OrderBy(t => t.Key switch { Router.ControlVariant => 0, Router.TrialVariant => 1, _ => 2 })
            .ThenBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => Figures(t.Key, t.Value)),
    ];

    private static TrialFigures Figures(string variant, Tally tally)
    {
        var sorted = tally.FirstResponses.AsSpan(0, tally.Count).ToArray();
        Array.Sort(sorted);
        var p90 = Percentiles.NearestRank(sorted, 0.9);
        return new TrialFigures(
            variant, tally.Routed, tally.ByTier[0], tally.ByTier[1], tally.ByTier[2], tally.Breaches,
            tally.AnsweredInWindow, p90 is { } seconds ? TimeSpan.FromSeconds(seconds) : null);
    }

    private Tally Of(string variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        if (!_tallies.TryGetValue(variant, out var tally))
        {
            tally = new Tally();
            _tallies.Add(variant, tally);
        }

        return tally;
    }

    private sealed class Tally
    {
        public long Routed { get; set; }

        /// <summary>Bot, senior, overflow: the tiers' values less one.</summary>
        public long[] ByTier { get; } = new long[3];

        public long Breaches { get; set; }

        public long AnsweredInWindow { get; set; }

        public double[] FirstResponses { get; } = new double[Samples];

        public int Next { get; set; }

        public int Count { get; set; }
    }
}
