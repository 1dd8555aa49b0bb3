namespace Balancer.Capacity;

/// <summary>
/// Counts what happened over the last <see cref="Window"/>, in fixed buckets, so that adding and
/// reading cost O(1) amortised and memory is one long per bucket whatever the volume.
/// </summary>
/// <remarks>
/// The window is exact to one bucket: a reading covers the current bucket and the
/// <c>bucketCount - 1</c> before it. Counts may be negative, which is how a decision already
/// counted is revoked. Not thread-safe; a grain owns each instance.
/// </remarks>
public sealed class RollingCounter
{
    private readonly long[] _buckets;
    private readonly long _bucketTicks;
    private long _head = long.MinValue;
    private long _total;

    public RollingCounter(TimeSpan window, int bucketCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bucketCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(window.Ticks, bucketCount);
        Window = window;
        _buckets = new long[bucketCount];
        _bucketTicks = window.Ticks / bucketCount;
    }

    public TimeSpan Window { get; }

    /// <summary>Adds <paramref name="count"/> at <paramref name="at"/>; too old for the window is ignored.</summary>
    public void Add(DateTimeOffset at, long count = 1)
    {
        var index = at.UtcTicks / _bucketTicks;
        MoveTo(index);
        if (index <= _head - _buckets.Length)
        {
            return;
        }

        _buckets[Slot(index)] += count;
        _total += count;
    }

    /// <summary>The count over the window that ends at <paramref name="now"/>.</summary>
    public long Sum(DateTimeOffset now)
    {
        MoveTo(now.UtcTicks / _bucketTicks);
        return _total;
    }

    private void MoveTo(long index)
    {
        if (_head == long.MinValue)
        {
            _head = index;
            return;
        }

        if (index <= _head)
        {
            return;
        }

        if (index - _head >= _buckets.Length)
        {
            Array.Clear(_buckets);
            _total = 0;
        }
        else
        {
            for (var i = _head + 1; i <= index; i++)
            {
                var slot = Slot(i);
                _total -= _buckets[slot];
                _buckets[slot] = 0;
            }
        }

        _head = index;
    }

    private int Slot(long index) => (int)(((index % _buckets.Length) + _buckets.Length) % _buckets.Length);
}
