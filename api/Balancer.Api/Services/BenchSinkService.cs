using Balancer.Api.Access;
using Balancer.Contracts.Api;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Balancer.Api.Services;

/// <summary>
/// The benchmark's baseline: the same stream as ingest, parsed by the same server, answered with an
/// acknowledgement that accepts every event, with no validation and no grain in between.
/// </summary>
[Authorize(Roles = Callers.Sender)]
public sealed class BenchSinkService : BenchSink.BenchSinkBase
{
    public override async Task Stream(
        IAsyncStreamReader<EventBatch> requestStream, IServerStreamWriter<IngestReply> responseStream,
        ServerCallContext context)
    {
        await foreach (var batch in requestStream.ReadAllAsync(context.CancellationToken))
        {
            var ack = new BatchAck { BatchId = batch.BatchId, Accepted = batch.Events.Count };
            await responseStream.WriteAsync(new IngestReply { Ack = ack }, context.CancellationToken);
        }
    }
}
