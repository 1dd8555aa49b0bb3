namespace Balancer.Capacity;

/// <summary>One variant's results.</summary>
/// <param name="AnsweredInWindow">Conversations first answered inside their reply window.</param>
/// <param name="FirstResponseP90">90th percentile of first-response times over the last 4,096; null before any.</param>
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
/// <remarks>Not thread-safe; the owner of the <see cref="Router"/> owns it.</remarks>
public sealed class RoutingTrial
{
    /// <summary>Counts one decision under its variant.</summary>
    public void Record(RouteDecision decision)
    {
        throw new NotImplementedException();
    }

    /// <summary>A conversation of <paramref name="variant"/> got its first human response.</summary>
    public void Answered(string variant, TimeSpan firstResponse, bool withinWindow)
    {
        throw new NotImplementedException();
    }

    /// <summary>A conversation of <paramref name="variant"/> breached its reply window.</summary>
    public void Breached(string variant)
    {
        throw new NotImplementedException();
    }

    /// <summary>Control first, then the trial, then any other variant in ordinal order; only variants seen.</summary>
    public IReadOnlyList<TrialFigures> Figures()
    {
        throw new NotImplementedException();
    }
}
