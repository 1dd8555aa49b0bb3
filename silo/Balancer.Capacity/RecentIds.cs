namespace Balancer.Capacity;

/// <summary>
/// The event ids seen lately, as <see cref="EventIdHash"/> fingerprints, so an event delivered again,
/// by a client retrying a batch it got no acknowledgement for or by mistake, counts once. An id is
/// remembered for <see cref="Window"/> after it was first seen, and at most <see cref="Capacity"/> ids
/// at a time: past that the oldest is forgotten first.
/// </summary>
/// <remarks>
/// Each id remembered takes about 40 bytes: 8 for the fingerprint and 20 for its slot in the set, and
/// 16 for its place in the expiry queue (fingerprint and time), rounded for the set's spare room.
/// </remarks>
public sealed class RecentIds(TimeSpan window, int capacity)
{
    /// <summary>Bytes an id takes while remembered, for the figures that state the memory it takes.</summary>
    public const int BytesPerId = 40;

    private readonly HashSet<ulong> _ids = [];
    private readonly Queue<(ulong Id, long Ticks)> _order = new();

    public TimeSpan Window { get; } = window > TimeSpan.Zero
        ? window
        : throw new ArgumentOutOfRangeException(nameof(window), window, "The window must be positive.");

    public int Capacity { get; } = capacity > 0
        ? capacity
        : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");

    public int Count => _ids.Count;

    /// <summary>Ids forgotten because the capacity was reached before their window ended.</summary>
    public long Evicted { get; private set; }

    /// <summary>Remembers <paramref name="id"/>; false when it is remembered already.</summary>
    public bool Add(ulong id, DateTimeOffset now)
    {
        Expire(now);
        if (!_ids.Add(id))
        {
            return false;
        }

        _order.Enqueue((id, now.UtcTicks));
        if (_ids.Count > Capacity)
        {
            _ids.Remove(_order.Dequeue().Id);
            Evicted++;
        }

        return true;
    }

    /// <summary>Forgets <paramref name="id"/> before its time, for an event whose batch was not applied.</summary>
    public void Remove(ulong id)
    {
        // Its place in the expiry queue stays; reaching the front later, it forgets nothing a second
        // time unless the id came back meanwhile, which then leaves the window a little early.
        _ids.Remove(id);
    }

    public bool Contains(ulong id) => _ids.Contains(id);

    private void Expire(DateTimeOffset now)
    {
        var cutoff = now.UtcTicks - Window.Ticks;
        while (_order.TryPeek(out var oldest) && oldest.Ticks <= cutoff)
        {
            _order.Dequeue();
            _ids.Remove(oldest.Id);
        }
    }
}
