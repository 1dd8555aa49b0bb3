using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Balancer.Api.Access;
using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Api.Limits;
using Balancer.Api.Live;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Balancer.Grains;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Channel = System.Threading.Channels.Channel;

namespace Balancer.Api.Services;

/// <summary>
/// Takes event batches of the caller's tenant over a stream or one call at a time. A stream also carries the
/// tenant's directives once it has delivered an accepted event: first those not normal, then every change.
/// </summary>
[Authorize(Roles = Callers.Sender)]
public sealed class IngestService(
    IGrainFactory grains, TenantCatalogCache catalogs, DirectiveFeed feed, IOptions<ApiOptions> options,
    BalancerClock clock, IngestDurability durability, EventLimiter limiter, CredentialCheck credential,
    ILogger<IngestService> logger)
    : Contracts.Api.Ingest.IngestBase
{
    /// <summary>
    /// Batches of one stream applied and waiting for the journal at once, at most. The client's own window
    /// bounds it too: a sender with four batches in flight has at most four here.
    /// </summary>
    private const int AcksInFlight = 16;

    public override async Task Stream(
        IAsyncStreamReader<EventBatch> requestStream, IServerStreamWriter<IngestReply> responseStream,
        ServerCallContext context)
    {
        var tenantId = context.Tenant();
        var processor = NewProcessor(tenantId);
        var directives = Channel.CreateUnbounded<SequenceDirective>(
            new UnboundedChannelOptions { SingleReader = true });
        IDisposable? subscription = null;
        using var replies = new SharedStream<IngestReply>(responseStream);
        var pushing = replies.Relay(
            directives.Reader, d => new IngestReply { Directive = d.ToProto() }, context.CancellationToken);
        var batches = 0;

        // Batches are applied one after the other; their acknowledgements, which wait for the journal, are
        // written in order by a second loop, so up to AcksInFlight commits of the stream overlap.
        var acks = Channel.CreateBounded<Task<BatchAck>>(
            new BoundedChannelOptions(AcksInFlight) { SingleReader = true, SingleWriter = true });
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        var acknowledging = Task.Run(async () =>
        {
            try
            {
                await foreach (var pending in acks.Reader.ReadAllAsync(CancellationToken.None))
                {
                    var ack = await pending;
                    await replies.Write(new IngestReply { Ack = ack }, context.CancellationToken);
                    batches++;
                    if (ack.Accepted > 0 && subscription is null)
                    {
                        subscription = await Subscribe(tenantId, directives.Writer);
                    }
                }
            }
            catch
            {
                // The stream fails with the first batch that does; none after it is acknowledged.
                await failed.CancelAsync();
                throw;
            }
        });
        try
        {
            try
            {
                await foreach (var batch in requestStream.ReadAllAsync(failed.Token))
                {
                    await credential.Ensure(context);
                    var pending = await processor.Begin(batch, context);
                    await acks.Writer.WriteAsync(pending, failed.Token);
                }
            }
            catch (Exception)
            {
                acks.Writer.TryComplete();
                await acknowledging.ContinueWith(static _ => { }, TaskScheduler.Default);

                // A batch acknowledged before this one failed first: its failure is the one to report.
                if (acknowledging.Exception?.InnerException is { } earlier)
                {
                    ExceptionDispatchInfo.Throw(earlier);
                }

                throw;
            }

            acks.Writer.TryComplete();
            await acknowledging;
        }
        finally
        {
            subscription?.Dispose();

            directives.Writer.TryComplete();
            await pushing;
        }

        logger.LogDebugStreamEnded(batches, context.Peer);
    }

    /// <summary>Subscribes the stream to a tenant's directive changes, then sends it the standing ones.</summary>
    private async Task<IDisposable> Subscribe(string tenantId, ChannelWriter<SequenceDirective> directives)
    {
        // Subscribed before reading the current ones, so no change falls between the two; one that lands
        // in both reaches the sender twice, which is harmless.
        var subscription = feed.Subscribe(tenantId, directives);
        var report = await grains.GetGrain<ITenantGrain>(tenantId).GetDirectives();
        foreach (var d in report.Current.Where(d => d.Grade != DirectiveGrade.Normal))
        {
            directives.TryWrite(d);
        }

        return subscription;
    }

    public override Task<BatchAck> Submit(EventBatch request, ServerCallContext context) =>
        NewProcessor(context.Tenant()).Process(request, context);

    private BatchProcessor NewProcessor(string tenantId) =>
        new(tenantId, grains, catalogs, options.Value, clock.Time, durability, limiter);
}
