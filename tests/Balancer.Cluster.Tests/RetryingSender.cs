using Balancer.Contracts.Api;
using Grpc.Core;
using Grpc.Net.Client;

namespace Balancer.Cluster.Tests;

/// <summary>How a <see cref="RetryingSender"/> paces its batches and how long it keeps trying.</summary>
/// <param name="MaxFailures">
/// Broken or silent streams it survives before it gives up: at the default backoff, 20 span about a minute,
/// time for a tenant's rebuild on a busy machine.
/// </param>
/// <param name="FirstBackoff">The pause after the first failure; it doubles after each one.</param>
/// <param name="MaxBackoff">The longest pause between two streams.</param>
/// <param name="AckTimeout">How long it waits for the next acknowledgement before it gives the stream up.</param>
/// <param name="InFlight">Batches written and not yet acknowledged, at most.</param>
/// <param name="Pause">A wait after each acknowledgement, so that a run of batches spans a fault.</param>
public sealed record RetryPolicy(
    int MaxFailures = 20,
    TimeSpan? FirstBackoff = null,
    TimeSpan? MaxBackoff = null,
    TimeSpan? AckTimeout = null,
    int InFlight = 4,
    TimeSpan? Pause = null);

/// <summary>One batch of a <see cref="RetryingSender"/>'s run, and the tenant whose events it holds.</summary>
public sealed record TenantBatch(string Tenant, EventBatch Batch);

/// <summary>
/// A sender as a careful client writes one, for fault tests: it streams batches over <c>Ingest.Stream</c>,
/// one stream per tenant on that tenant's channel (a stream carries its credential's tenant), in the order
/// given and within one window of batches in flight across them all; when a stream breaks or an
/// acknowledgement is late, it opens new streams and sends every batch not yet acknowledged again, in order,
/// with the same batch id and event ids, so that a server that deduplicates by event id counts each event
/// once. It records the events it was given and the events the acknowledgements accepted, per kind, and
/// what made it retry.
/// </summary>
/// <param name="channelOf">The channel that calls as a tenant, such as <see cref="TenantKeys.For"/>.</param>
public sealed class RetryingSender(Func<string, GrpcChannel> channelOf, RetryPolicy? policy = null)
{
    private readonly RetryPolicy _policy = policy ?? new RetryPolicy();
    private readonly Dictionary<Event.KindOneofCase, int> _sent = [];
    private readonly Dictionary<Event.KindOneofCase, int> _accepted = [];
    private readonly HashSet<(string Tenant, string BatchId)> _written = [];
    private readonly List<string> _failures = [];

    /// <summary>Events handed to <see cref="Send"/>, per kind, each counted once however often it was resent.</summary>
    public IReadOnlyDictionary<Event.KindOneofCase, int> Sent => _sent;

    /// <summary>
    /// Events the acknowledgements did not reject, per kind, from the one acknowledgement of each batch: new
    /// ones and duplicates alike.
    /// </summary>
    public IReadOnlyDictionary<Event.KindOneofCase, int> Accepted => _accepted;

    /// <summary>
    /// Events the acknowledgements called duplicates: accepted in an earlier attempt whose acknowledgement was
    /// lost, counted once then and not again. Included in <see cref="Accepted"/>.
    /// </summary>
    public int Duplicates { get; private set; }

    /// <summary>Batches written more than once, each time counted.</summary>
    public int Resent { get; private set; }

    /// <summary>Streams opened, one per tenant each time the sender starts again.</summary>
    public int Streams { get; private set; }

    /// <summary>Why the sender gave its streams up, each time, in order.</summary>
    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Raised on each batch's acknowledgement, in order, before the next batch is sent.</summary>
    public event Action<BatchAck>? Acknowledged;

    /// <summary>
    /// Sends <paramref name="batches"/> until each is acknowledged; throws once the policy's failures are
    /// spent, or at once on an error no retry mends (an invalid request, say).
    /// </summary>
    public async Task Send(IReadOnlyList<TenantBatch> batches, CancellationToken cancellationToken = default)
    {
        foreach (var e in batches.SelectMany(b => b.Batch.Events))
        {
            Count(_sent, e.KindCase, 1);
        }

        var pending = batches.ToList();
        var backoff = _policy.FirstBackoff ?? TimeSpan.FromMilliseconds(250);
        while (pending.Count > 0)
        {
            try
            {
                await SendOnStreams(pending, cancellationToken);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                _failures.Add($"{e.GetType().Name}: {e.Message}");
                if (_failures.Count >= _policy.MaxFailures)
                {
                    throw new InvalidOperationException(
                        $"{pending.Count} batches were still unacknowledged after {_failures.Count} failed streams:\n"
                        + string.Join('\n', _failures),
                        e);
                }

                await Task.Delay(backoff, cancellationToken);
                var max = _policy.MaxBackoff ?? TimeSpan.FromSeconds(4);
                backoff = backoff * 2 < max ? backoff * 2 : max;
            }
        }
    }

    /// <summary>
    /// Sends the pending batches on new streams until each is acknowledged. A stream acknowledges its batches in
    /// the order they were written, so the oldest pending batch's acknowledgement is the next on its tenant's.
    /// </summary>
    private async Task SendOnStreams(List<TenantBatch> pending, CancellationToken cancellationToken)
    {
        var calls = new Dictionary<string, AsyncDuplexStreamingCall<EventBatch, IngestReply>>(StringComparer.Ordinal);
        try
        {
            await SendOn(calls, pending, cancellationToken);
            foreach (var call in calls.Values)
            {
                await call.RequestStream.CompleteAsync();
            }
        }
        finally
        {
            foreach (var call in calls.Values)
            {
                call.Dispose();
            }
        }
    }

    private async Task SendOn(
        Dictionary<string, AsyncDuplexStreamingCall<EventBatch, IngestReply>> calls, List<TenantBatch> pending,
        CancellationToken cancellationToken)
    {
        var written = 0;
        while (pending.Count > 0)
        {
            for (; written < pending.Count && written < _policy.InFlight; written++)
            {
                var (tenant, next) = pending[written];
                if (!_written.Add((tenant, next.BatchId)))
                {
                    Resent++;
                }

                if (!calls.TryGetValue(tenant, out var call))
                {
                    Streams++;
                    call = new Ingest.IngestClient(channelOf(tenant)).Stream(cancellationToken: cancellationToken);
                    calls.Add(tenant, call);
                }

                await call.RequestStream.WriteAsync(next, cancellationToken);
            }

            var batch = pending[0].Batch;
            var ack = await NextAck(calls[pending[0].Tenant].ResponseStream, cancellationToken);
            if (ack.BatchId != batch.BatchId)
            {
                throw new InvalidOperationException($"Batch {batch.BatchId} was acknowledged as {ack.BatchId}.");
            }

            Duplicates += ack.Duplicates;
            var rejected = ack.Rejected.Select(r => r.Index).ToHashSet();
            for (var i = 0; i < batch.Events.Count; i++)
            {
                Count(_accepted, batch.Events[i].KindCase, rejected.Contains(i) ? 0 : 1);
            }

            pending.RemoveAt(0);
            written--;
            Acknowledged?.Invoke(ack);
            if (_policy.Pause is { } pause)
            {
                await Task.Delay(pause, cancellationToken);
            }
        }
    }

    private async Task<BatchAck> NextAck(IAsyncStreamReader<IngestReply> replies, CancellationToken cancellationToken)
    {
        using var late = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        late.CancelAfter(_policy.AckTimeout ?? TimeSpan.FromSeconds(10));
        while (await replies.MoveNext(late.Token))
        {
            if (replies.Current.KindCase == IngestReply.KindOneofCase.Ack)
            {
                return replies.Current.Ack;
            }
        }

        throw new IOException("The stream ended before every batch written on it was acknowledged.");
    }

    private static bool IsTransient(Exception e) => e switch
    {
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.Internal or StatusCode.Unknown
            or StatusCode.Cancelled or StatusCode.DeadlineExceeded or StatusCode.Aborted,
        IOException or OperationCanceledException => true,
        _ => false,
    };

    private static void Count(Dictionary<Event.KindOneofCase, int> counts, Event.KindOneofCase kind, int add) =>
        counts[kind] = counts.GetValueOrDefault(kind) + add;
}
