namespace Balancer.Capacity;

/// <summary>
/// A dictionary of at most <c>capacity</c> entries that forgets the least recently set first.
/// </summary>
/// <remarks>
/// Setting a key again queues a new stamp and leaves the old one to be skipped when it reaches the
/// front, so a set is O(1); the queue is rebuilt once stale stamps outnumber the entries.
/// </remarks>
internal sealed class RecentlyUsed<TValue>(int capacity)
{
    private readonly Dictionary<string, (TValue Value, long Stamp)> _entries = new(StringComparer.Ordinal);
    private Queue<(string Key, long Stamp)> _order = new();
    private long _clock;

    public int Count => _entries.Count;

    public bool TryGet(string key, out TValue value)
    {
        var found = _entries.TryGetValue(key, out var entry);
        value = entry.Value;
        return found;
    }

    public void Set(string key, TValue value)
    {
        var stamp = ++_clock;
        _entries[key] = (value, stamp);
        _order.Enqueue((key, stamp));
        while (_entries.Count > capacity)
        {
            var (oldest, at) = _order.Dequeue();
            if (_entries.TryGetValue(oldest, out var entry) && entry.Stamp == at)
            {
                _entries.Remove(oldest);
            }
        }

        if (_order.Count > (2 * _entries.Count) + 1024)
        {
            var live = _entries.OrderBy(e => e.Value.Stamp).Select(e => (e.Key, e.Value.Stamp));
            _order = new Queue<(string, long)>(live);
        }
    }
}
