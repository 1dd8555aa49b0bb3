using System.Collections.Concurrent;
using Balancer.Api.Access;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Balancer.Access.Tests;

/// <summary>
/// A server interceptor that records how each unary call's handler ended, by the caller's tenant and the method's
/// name, so that a test sees what the server did after the client stopped waiting. It can also hold a call back
/// until the call is over, as if the request had arrived after its deadline.
/// </summary>
public sealed class CallRecorder : Interceptor
{
    private readonly ConcurrentDictionary<(string Tenant, string Method), TaskCompletionSource<StatusCode>> _ended =
        new();

    private readonly ConcurrentDictionary<(string Tenant, string Method), bool> _late = new();

    /// <summary>The status the next handler of the tenant's <paramref name="method"/> ends with.</summary>
    public Task<StatusCode> Ended(string tenant, string method) => Slot((tenant, method)).Task;

    /// <summary>
    /// Lets the tenant's next call of <paramref name="method"/> reach its handler only once the call is over.
    /// </summary>
    public void Late(string tenant, string method) => _late[(tenant, method)] = true;

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var method = context.Method[(context.Method.LastIndexOf('/') + 1)..];
        var key = (Callers.TenantOf(context.GetHttpContext().User) ?? "", method);
        if (_late.TryRemove(key, out _))
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken)
                .ContinueWith(static _ => { }, TaskScheduler.Default);
        }

        try
        {
            var response = await continuation(request, context);
            Slot(key).TrySetResult(StatusCode.OK);
            return response;
        }
        catch (RpcException ex)
        {
            Slot(key).TrySetResult(ex.StatusCode);
            throw;
        }
        catch
        {
            Slot(key).TrySetResult(StatusCode.Unknown);
            throw;
        }
    }

    private TaskCompletionSource<StatusCode> Slot((string Tenant, string Method) key) =>
        _ended.GetOrAdd(key, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
}
