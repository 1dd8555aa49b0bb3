namespace Balancer.Capacity;

/// <summary>
/// The most recent samples of a measure (a first-response time, say), for exact percentiles over a
/// rolling window.
/// </summary>
/// <remarks>
/// Holds at most <c>capacity</c> samples: past that the oldest go first, so a window that saw more
/// samples than the capacity is measured on its newest ones. Reading sorts a copy of the window,
/// O(n log n) in the capacity, which suits the few readings a second that views ask for.
/// </remarks>
public sealed class RollingSamples
{
    private readonly long[] _ticks;
    private readonly double[] _values;
    private readonly double[] _scratch;
    private int _next;
    private int _count;

    public RollingSamples(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _ticks = new long[capacity];
        _values = new double[capacity];
        _scratch = new double[capacity];
    }

    public void Add(DateTimeOffset at, double value)
    {
        _ticks[_next] = at.UtcTicks;
        _values[_next] = value;
        _next = (_next + 1) % _ticks.Length;
        _count = Math.Min(_count + 1, _ticks.Length);
    }

    /// <summary>
    /// The percentiles named by <paramref name="quantiles"/> over the window ending at <paramref name="now"/>.
    /// </summary>
    public void Percentiles(DateTimeOffset now, TimeSpan window, ReadOnlySpan<double> quantiles, Span<double?> results)
    {
        var from = now.UtcTicks - window.Ticks;
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_ticks[i] > from && _ticks[i] <= now.UtcTicks)
            {
                _scratch[n++] = _values[i];
            }
        }

        var sample = _scratch.AsSpan(0, n);
        sample.Sort();
        for (var q = 0; q < quantiles.Length; q++)
        {
            results[q] = Capacity.Percentiles.NearestRank(sample, quantiles[q]);
        }
    }
}
