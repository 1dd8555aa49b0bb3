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
    private long _headStartTicks = long.MaxValue;
    private int _headSlot;
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
        // Nearly every event lands in the newest bucket: spare it the division.
        var ticks = at.UtcTicks;
        if (ticks >= _headStartTicks && ticks - _headStartTicks < _bucketTicks)
        {
            _buckets[_headSlot] += count;
            _total += count;
            return;
        }

        var index = ticks / _bucketTicks;
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
        var ticks = now.UtcTicks;
        if (ticks < _headStartTicks || ticks - _headStartTicks >= _bucketTicks)
        {
            MoveTo(ticks / _bucketTicks);
        }

        return _total;
    }

    private void MoveTo(long index)
    {
        if (_head == long.MinValue)
        {
            SetHead(index);
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

        SetHead(index);
    }

    private void SetHead(long index)
    {
        _head = index;
        _headStartTicks = index * _bucketTicks;
        _headSlot = Slot(index);
    }

    private int Slot(long index) => (int)(((index % _buckets.Length) + _buckets.Length) % _buckets.Length);
}
