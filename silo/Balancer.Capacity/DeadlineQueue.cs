namespace Balancer.Capacity;

/// <summary>
/// Items in deadline order, so that finding what is due costs what is due, not what is waiting.
/// </summary>
/// <remarks>
/// Removal is lazy: an item answered before its deadline stays in the heap until it reaches the
/// front, where <c>isLive</c> says it no longer counts. That keeps answering O(1); the price is
/// memory for answered items until their deadline passes, at most one reply window of arrivals.
/// </remarks>
public sealed class DeadlineQueue<T>(Func<T, DateTimeOffset, bool> isLive)
{
    private readonly PriorityQueue<(T Item, DateTimeOffset Deadline), DateTimeOffset> _heap = new();

    /// <summary>Entries held, stale ones included.</summary>
    public int Count => _heap.Count;

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
        }

        return null;
    }
}
