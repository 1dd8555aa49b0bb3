namespace Balancer.Capacity;

/// <summary>
/// Items in deadline order, so that finding what is due costs what is due, not what is waiting.
/// </summary>
/// <remarks>
/// Removal is lazy: an item answered before its deadline stays in the heap until it reaches the
/// front, where <c>isLive</c> says it no longer counts. That keeps answering O(1). So that stale
/// entries cannot pile up for a whole reply window, the owner reports each one with
/// <see cref="NoteStale"/>, and once they outnumber the live entries the heap is rebuilt from the
/// live ones, O(n) amortised over the n entries that went stale: the heap never holds more than
/// twice its live entries, plus <see cref="CompactionFloor"/>.
/// </remarks>
public sealed class DeadlineQueue<T>(Func<T, DateTimeOffset, bool> isLive)
{
    /// <summary>Below this many stale entries the heap is never rebuilt; it is not worth it.</summary>
    public const int CompactionFloor = 1024;

    private readonly PriorityQueue<(T Item, DateTimeOffset Deadline), DateTimeOffset> _heap = new();
    private int _stale;

    /// <summary>Entries held, stale ones included.</summary>
    public int Count => _heap.Count;

    /// <summary>Says that one entry no longer counts, and rebuilds the heap when most entries are stale.</summary>
    public void NoteStale()
    {
        _stale++;
        if (_stale > CompactionFloor && _stale > _heap.Count - _stale)
        {
            var live = _heap.UnorderedItems.Where(e => isLive(e.Element.Item, e.Element.Deadline)).ToList();
            _heap.Clear();
            _heap.EnqueueRange(live);
            _stale = 0;
        }
    }

    public void Add(T item, DateTimeOffset deadline) => _heap.Enqueue((item, deadline), deadline);

    /// <summary>Moves every live item due at or before <paramref name="now"/> into <paramref name="due"/>.</summary>
    public int PopDue(DateTimeOffset now, List<(T Item, DateTimeOffset Deadline)> due)
    {
        var popped = 0;
        while (_heap.TryPeek(out var entry, out var deadline) && deadline <= now)
        {
            _heap.Dequeue();
            if (isLive(entry.Item, entry.Deadline))
            {
                due.Add(entry);
                popped++;
            }
            else
            {
                _stale = Math.Max(0, _stale - 1);
            }
        }

        return popped;
    }

    /// <summary>The earliest live deadline, dropping stale entries from the front on the way.</summary>
    public DateTimeOffset? NextDeadline()
    {
        while (_heap.TryPeek(out var entry, out var deadline))
        {
            if (isLive(entry.Item, entry.Deadline))
            {
                return deadline;
            }

            _heap.Dequeue();
            _stale = Math.Max(0, _stale - 1);
        }

        return null;
    }
}
