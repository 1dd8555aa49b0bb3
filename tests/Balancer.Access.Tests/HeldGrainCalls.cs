using System.Collections.Concurrent;

namespace Balancer.Access.Tests;

/// <summary>
/// A grain call filter of the embedded silo that holds the calls a test names, by grain key and method, until the
/// test lets them go: the server then waits on a grain for as long as the test wants.
/// </summary>
public sealed class HeldGrainCalls : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<(string Key, string Method), Hold> _holds = new();

    /// <summary>Holds every call of <paramref name="method"/> to the grain keyed <paramref name="grainKey"/>.</summary>
    public Hold Hold(string grainKey, string method)
    {
        var hold = new Hold(() => _holds.TryRemove((grainKey, method), out _));
        _holds[(grainKey, method)] = hold;
        return hold;
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!_holds.IsEmpty && context.InterfaceMethod is { } method &&
            _holds.TryGetValue((context.TargetId.Key.ToString()!, method.Name), out var hold))
        {
            hold.Arrived();
            await hold.Released;
        }

        await context.Invoke();
    }
}

/// <summary>One held kind of call; disposing it lets them all go.</summary>
public sealed class Hold(Action forget) : IDisposable
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once a call has reached the hold.</summary>
    public Task Entered => _entered.Task;

    public bool IsReleased => _released.Task.IsCompleted;

    internal Task Released => _released.Task;

    internal void Arrived() => _entered.TrySetResult();

    public void Dispose()
    {
        forget();
        _released.TrySetResult();
    }
}
