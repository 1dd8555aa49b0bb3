using System.Threading.Channels;
using Grpc.Core;

namespace Balancer.Api.Services;

/// <summary>
/// A server stream that answers and pushes share: gRPC takes one write at a time, so writes wait
/// their turn here.
/// </summary>
public sealed class SharedStream<T>(IServerStreamWriter<T> stream) : IDisposable
{
    private readonly SemaphoreSlim _writing = new(1, 1);

    public async Task Write(T message, CancellationToken cancellationToken)
    {
        await _writing.WaitAsync(cancellationToken);
        try
        {
            await stream.WriteAsync(message, cancellationToken);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>
    /// Writes each item <paramref name="items"/> yields, as <paramref name="message"/> makes it, until
    /// the reader completes or the call ends; what is left unwritten when the call ends is dropped.
    /// </summary>
    public async Task Relay<TItem>(
        ChannelReader<TItem> items, Func<TItem, T> message, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var item in items.ReadAllAsync(cancellationToken))
            {
                await Write(message(item), cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // The call ended; nothing is owed to a client that left.
        }
    }

    public void Dispose() => _writing.Dispose();
}
