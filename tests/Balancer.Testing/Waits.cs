using System.Collections.Concurrent;

namespace Balancer.Testing;

/// <summary>Bounded waits for what the server pushes or what its figures come to.</summary>
public static class Waits
{
    /// <summary>Takes items until one matches; fails when none has within <paramref name="timeout"/>.</summary>
    public static T Next<T>(BlockingCollection<T> items, Func<T, bool> match, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (items.TryTake(
            out var item, until - DateTime.UtcNow > TimeSpan.Zero ? until - DateTime.UtcNow : TimeSpan.Zero))
        {
            if (match(item))
            {
                return item;
            }
        }

        throw new TimeoutException($"Nothing matching arrived within {timeout}.");
    }

    /// <summary>
    /// Reads until <paramref name="done"/> holds or <paramref name="timeout"/> passes, and returns the
    /// last reading either way, for the caller's assertions to judge.
    /// </summary>
    public static async Task<T> Until<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await read().WaitAsync(timeout);
            if (done(value) || DateTime.UtcNow > until)
            {
                return value;
            }

            await Task.Delay(25);
        }
    }
}
