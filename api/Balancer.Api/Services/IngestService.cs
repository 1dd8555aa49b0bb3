using System.Threading.Channels;
using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Api.Live;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Balancer.Grains;
using Grpc.Core;
using Microsoft.Extensions.Options;
using Channel = System.Threading.Channels.Channel;

namespace Balancer.Api.Services;

/// <summary>
/// Takes event batches over a stream or one call at a time. Each stream also carries the directives
/// of the tenants it has delivered events for: first those not normal, then every change.
/// </summary>
public sealed class IngestService(
    IGrainFactory grains, TenantCatalogCache catalogs, DirectiveFeed feed, IOptions<ApiOptions> options,
    BalancerClock clock, IngestDurability durability, ILogger<IngestService> logger) : Contracts.Api.Ingest.IngestBase
{
    public override async Task Stream(
        IAsyncStreamReader<EventBatch> requestStream, IServerStreamWriter<IngestReply> responseStream,
        ServerCallContext context)
    {
        var processor = new BatchProcessor(grains, catalogs, options.Value, clock.Time, durability);
        var directives = Channel.CreateUnbounded<SequenceDirective>(
            new UnboundedChannelOptions { SingleReader = true });
        var subscriptions = new Dictionary<string, IDisposable>(StringComparer.Ordinal);
        using var replies = new SharedStream<IngestReply>(responseStream);
        var pushing = replies.Relay(
            directives.Reader, d => new IngestReply { Directive = d.ToProto() }, context.CancellationToken);
        var batches = 0;
        try
        {
            await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
            {
                var ack = await processor.Process(batch);
                await replies.Write(new IngestReply { Ack = ack }, context.CancellationToken);
                batches++;
                if (ack.Accepted > 0 && !subscriptions.ContainsKey(batch.TenantId))
                {
                    // Subscribed before reading the current ones, so no change falls between the two;
                    // one that lands in both reaches the sender twice, which is harmless.
                    subscriptions.Add(batch.TenantId, feed.Subscribe(batch.TenantId, directives.Writer));
                    var report = await grains.GetGrain<ITenantGrain>(batch.TenantId).GetDirectives();
                    foreach (var d in report.Current.Where(d => d.Grade != DirectiveGrade.Normal))
                    {
                        directives.Writer.TryWrite(d);
                    }
                }
            }
        }
        finally
        {
            foreach (var subscription in subscriptions.Values)
            {
                subscription.Dispose();
            }

            directives.Writer.TryComplete();
            await pushing;
        }

        logger.LogDebugStreamEnded(batches, context.Peer);
    }

    public override Task<BatchAck> Submit(EventBatch request, ServerCallContext context) =>
        new BatchProcessor(grains, catalogs, options.Value, clock.Time, durability).Process(request);
}
