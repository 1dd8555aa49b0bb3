using Grpc.Core;

namespace Balancer.Api.Limits;

/// <summary>
/// How a service stops waiting once its call is over: when the client's deadline passes or the client cancels,
/// the wait ends with DEADLINE_EXCEEDED or CANCELLED (the client has its answer already, from its own deadline or
/// its cancellation). What was waited for, a grain call, is not called back: it finishes on its own, and its
/// result is dropped.
/// </summary>
public static class CallDeadlines
{
    public static async Task<T> Within<T>(this Task<T> work, ServerCallContext context)
    {
        try
        {
            return await work.WaitAsync(context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw Ended(context, "while the server waited");
        }
    }

    public static async Task Within(this Task work, ServerCallContext context)
    {
        try
        {
            await work.WaitAsync(context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw Ended(context, "while the server waited");
        }
    }

    /// <summary>Throws, if the call is over already, saying <paramref name="when"/>.</summary>
    public static void ThrowIfEnded(ServerCallContext context, string when)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            throw Ended(context, when);
        }
    }

    private static RpcException Ended(ServerCallContext context, string when) =>
        context.Deadline <= DateTime.UtcNow
            ? new RpcException(new Status(StatusCode.DeadlineExceeded, $"The call's deadline passed {when}."))
            : new RpcException(new Status(StatusCode.Cancelled, $"The call was cancelled {when}."));
}
