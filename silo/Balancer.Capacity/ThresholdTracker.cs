namespace Balancer.Capacity;

/// <summary>
/// Turns a stream of readings into level changes: raised the moment a reading reaches a threshold,
/// lowered only once it falls <see cref="Hysteresis"/> below it, so a figure hovering at a
/// threshold raises one warning, not one per reading.
/// </summary>
public sealed class ThresholdTracker
{
    private readonly double[] _thresholds;

    /// <param name="thresholds">Ascending; the first is <see cref="Severity.Warn"/>, then High, then Critical.</param>
    /// <param name="hysteresis">How far below a threshold a reading must fall to leave its level.</param>
    public ThresholdTracker(IReadOnlyList<double> thresholds, double hysteresis)
    {
        if (thresholds.Count is < 1 or > 3)
        {
            throw new ArgumentException("Between one and three thresholds are needed.", nameof(thresholds));
        }

        for (var i = 1; i < thresholds.Count; i++)
        {
            if (thresholds[i] <= thresholds[i - 1])
            {
                throw new ArgumentException("Thresholds must ascend.", nameof(thresholds));
            }
        }

        ArgumentOutOfRangeException.ThrowIfNegative(hysteresis);
        _thresholds = [.. thresholds];
        Hysteresis = hysteresis;
    }

    public Severity Level { get; private set; }

    public double Hysteresis { get; }

    /// <summary>The threshold of <paramref name="level"/>, or null for Normal or a level this tracker lacks.</summary>
    public double? ThresholdOf(Severity level) =>
        level is Severity.Normal || (int)level > _thresholds.Length ? null : _thresholds[(int)level - 1];

    /// <summary>Takes a reading; null means too small a sample, which counts as nothing to warn of.</summary>
    /// <returns>True when the level changed.</returns>
    public bool Update(double? reading)
    {
        var value = reading ?? double.NegativeInfinity;
        var raised = LevelAt(value, 0);
        var next = raised > Level ? raised : Min(Level, LevelAt(value, Hysteresis));
        if (next == Level)
        {
            return false;
        }

        Level = next;
        return true;
    }

    private Severity LevelAt(double value, double slack)
    {
        for (var i = _thresholds.Length - 1; i >= 0; i--)
        {
            if (value >= _thresholds[i] - slack)
            {
                return (Severity)(i + 1);
            }
        }

        return Severity.Normal;
    }

    private static Severity Min(Severity a, Severity b) => a < b ? a : b;
}
