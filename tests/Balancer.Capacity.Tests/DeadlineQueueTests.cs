namespace Balancer.Capacity.Tests;

public sealed class DeadlineQueueTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);

    private readonly DeadlineQueue<string> _queue;

    private readonly List<(string Item, DateTimeOffset Deadline)> _due = [];

    public DeadlineQueueTests()
    {
        _queue = new DeadlineQueue<string>((item, _) => !_answered.Contains(item));
    }

    private static DateTimeOffset At(int minutes) => Start + TimeSpan.FromMinutes(minutes);

    private void AddFour()
    {
        _queue.Add("c", At(30));
        _queue.Add("a", At(10));
        _queue.Add("d", At(40));
        _queue.Add("b", At(20));
    }

    [Fact]
    public void DeadlineQueue_PopDue_MovesOnlyDueItemsInDeadlineOrder()
    {
        AddFour();

        var popped = _queue.PopDue(At(30), _due);

        Assert.Equal(3, popped);
        Assert.Equal([("a", At(10)), ("b", At(20)), ("c", At(30))], _due);
        Assert.Equal(1, _queue.Count);
    }

    [Fact]
    public void DeadlineQueue_PopDueOneTickBeforeDeadline_MovesNothing()
    {
        _queue.Add("a", At(10));

        var popped = _queue.PopDue(At(10) - TimeSpan.FromTicks(1), _due);

        Assert.Equal(0, popped);
        Assert.Empty(_due);
        Assert.Equal(1, _queue.Count);
    }

    [Fact]
    public void DeadlineQueue_PopDue_SkipsStaleItemsAndDropsThem()
    {
        AddFour();
        _answered.Add("b");

        var popped = _queue.PopDue(At(30), _due);

        Assert.Equal(2, popped);
        Assert.Equal([("a", At(10)), ("c", At(30))], _due);
        Assert.Equal(1, _queue.Count);
    }

    [Fact]
    public void DeadlineQueue_PopDue_AppendsToExistingList()
    {
        _due.Add(("x", Start));
        _queue.Add("a", At(10));

        _queue.PopDue(At(10), _due);

        Assert.Equal([("x", Start), ("a", At(10))], _due);
    }

    [Fact]
    public void DeadlineQueue_NextDeadline_IsEarliestLiveDeadline()
    {
        AddFour();

        var next = _queue.NextDeadline();

        Assert.Equal(At(10), next);
        Assert.Equal(4, _queue.Count);
    }

    [Fact]
    public void DeadlineQueue_NextDeadline_SkipsAndDropsStaleFront()
    {
        AddFour();
        _answered.Add("a");
        _answered.Add("b");

        var next = _queue.NextDeadline();

        Assert.Equal(At(30), next);
        Assert.Equal(2, _queue.Count);
    }

    [Fact]
    public void DeadlineQueue_NextDeadlineAllStale_IsNullAndEmpties()
    {
        _queue.Add("a", At(10));
        _answered.Add("a");

        var next = _queue.NextDeadline();

        Assert.Null(next);
        Assert.Equal(0, _queue.Count);
    }

    [Fact]
    public void DeadlineQueue_Empty_NextDeadlineIsNullAndPopsNothing()
    {
        var next = _queue.NextDeadline();
        var popped = _queue.PopDue(At(60), _due);

        Assert.Null(next);
        Assert.Equal(0, popped);
    }

    [Fact]
    public void DeadlineQueue_LivenessByDeadline_OnlyCurrentEntryOfRescheduledItemCounts()
    {
        var current = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal) { ["a"] = At(10) };
        var queue = new DeadlineQueue<string>((item, deadline) => current[item] == deadline);
        queue.Add("a", At(10));
        current["a"] = At(25);
        queue.Add("a", At(25));

        var popped = queue.PopDue(At(30), _due);

        Assert.Equal(1, popped);
        Assert.Equal([("a", At(25))], _due);
    }

    [Fact]
    public void DeadlineQueue_MostEntriesNotedStale_RebuildsFromTheLiveOnes()
    {
        var dead = new HashSet<int>();
        var queue = new DeadlineQueue<int>((item, _) => !dead.Contains(item));
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 3000; i++)
        {
            queue.Add(i, start.AddSeconds(i));
        }

        for (var i = 0; i < 2000; i++)
        {
            dead.Add(i);
            queue.NoteStale();
        }

        // The 1,501st stale entry outnumbered the live ones: the heap kept its 1,499 live entries,
        // and the 499 noted after stay until they reach the front.
        Assert.Equal(1499, queue.Count);
        var due = new List<(int Item, DateTimeOffset Deadline)>();
        Assert.Equal(1000, queue.PopDue(start.AddSeconds(3000), due));
        Assert.Equal(Enumerable.Range(2000, 1000), due.Select(d => d.Item));
    }

    [Fact]
    public void DeadlineQueue_FewerStaleThanTheFloor_KeepsEveryEntry()
    {
        var dead = new HashSet<int>();
        var queue = new DeadlineQueue<int>((item, _) => !dead.Contains(item));
        var start = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 1100; i++)
        {
            queue.Add(i, start.AddSeconds(i));
        }

        for (var i = 0; i < DeadlineQueue<int>.CompactionFloor; i++)
        {
            dead.Add(i);
            queue.NoteStale();
        }

        Assert.Equal(1100, queue.Count);
        Assert.Equal(start.AddSeconds(DeadlineQueue<int>.CompactionFloor), queue.NextDeadline());
    }
}
