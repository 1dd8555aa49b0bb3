using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Contracts.Api;
using Balancer.Grains;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Services;

/// <summary>The senders' event intake: a stream of batches, or one batch a call.</summary>
public sealed class IngestService(
    IGrainFactory grains, TenantCatalogCache catalogs, IOptions<ApiOptions> options, BalancerClock clock,
    ILogger<IngestService> logger) : Contracts.Api.Ingest.IngestBase
{
    public override async Task Stream(
        IAsyncStreamReader<EventBatch> requestStream, IServerStreamWriter<BatchAck> responseStream,
        ServerCallContext context)
    {
        var processor = new BatchProcessor(grains, catalogs, options.Value, clock.Time);
        var batches = 0;
        await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var ack = await processor.Process(batch);
            await responseStream.WriteAsync(ack, context.CancellationToken);
            batches++;
        }

        logger.LogDebugStreamEnded(batches, context.Peer);
    }

    public override Task<BatchAck> Submit(EventBatch request, ServerCallContext context) =>
        new BatchProcessor(grains, catalogs, options.Value, clock.Time).Process(request);
}
