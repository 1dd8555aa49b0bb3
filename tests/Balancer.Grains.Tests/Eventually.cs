using System.Collections;
using System.Diagnostics;

namespace Balancer.Grains.Tests;

/// <summary>How long the tests wait for anything.</summary>
public static class Limits
{
    /// <summary>Deploying or stopping the cluster.</summary>
    public static readonly TimeSpan Start = TimeSpan.FromMinutes(1);

    /// <summary>One grain call.</summary>
    public static readonly TimeSpan Call = TimeSpan.FromSeconds(10);

    /// <summary>Something a timer does: a breach scan, a report, a flush to the live views.</summary>
    public static readonly TimeSpan Timer = TimeSpan.FromSeconds(5);

    /// <summary>How long something that must not happen is watched for: several scans and flushes.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);

    /// <summary>Between two readings of a poll.</summary>
    public static readonly TimeSpan PollStep = TimeSpan.FromMilliseconds(25);
}

public static class Eventually
{
    /// <summary>Reads until <paramref name="done"/> holds or the timeout passes; fails in the second case.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var actual = await read().WaitAsync(Limits.Call);
            if (done(actual))
            {
                return actual;
            }

            Assert.True(watch.Elapsed < timeout, $"Still {actual} after {timeout}.");
            await Task.Delay(Limits.PollStep);
        }
    }

    /// <summary>
    /// Reads until the value equals <paramref name="expected"/> or the timeout passes, then asserts
    /// equality on the last reading.
    /// </summary>
    public static async Task<T> Equal<T>(T expected, Func<Task<T>> read, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var actual = await read().WaitAsync(Limits.Call);
            if (Same(expected, actual) || watch.Elapsed >= timeout)
            {
                Assert.Equal(expected, actual);
                return actual;
            }

            await Task.Delay(Limits.PollStep);
        }
    }

    /// <summary>
    /// Equal as <c>Assert.Equal</c> judges it: collections element by element, where their own
    /// equality is by reference.
    /// </summary>
    private static bool Same<T>(T expected, T actual) =>
        expected is IEnumerable e && actual is IEnumerable a && expected is not string
            ? e.Cast<object?>().SequenceEqual(a.Cast<object?>())
            : EqualityComparer<T>.Default.Equals(expected, actual);
}

public static class Consistently
{
    /// <summary>
    /// Asserts on every reading for <paramref name="duration"/> that the value equals <paramref name="expected"/>.
    /// </summary>
    public static async Task Equal<T>(T expected, Func<Task<T>> read, TimeSpan duration)
    {
        var watch = Stopwatch.StartNew();
        do
        {
            Assert.Equal(expected, await read().WaitAsync(Limits.Call));
            await Task.Delay(Limits.PollStep);
        }
        while (watch.Elapsed < duration);
    }
}

public static class Ids
{
    /// <summary>A tenant of its own for one test, so tests sharing the silo do not see each other's data.</summary>
    public static string Tenant(string hint) => $"{hint}-{Guid.NewGuid():N}";
}
