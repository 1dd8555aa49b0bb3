using System.Threading.Channels;
using Balancer.Api.Access;
using Balancer.Api.Assignments;
using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Contracts.Api;
using Balancer.Contracts.Grains;
using Balancer.Contracts.Model;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Channel = System.Threading.Channels.Channel;

namespace Balancer.Api.Services;

/// <summary>
/// Agents' lines to their tenant's dispatcher: offers out as they are made, acknowledgements and
/// declines in, each answered with a receipt. While a line is open the host listens for the agent's
/// offers, renewing well inside the dispatcher's expiry.
/// </summary>
[Authorize(Roles = Callers.Sender)]
public sealed class AssignmentsService(
    IGrainFactory grains, TenantCatalogCache catalogs, AssignmentRelay relay, IOptions<ApiOptions> options,
    CredentialCheck credential, ILogger<AssignmentsService> logger)
    : Contracts.Api.Assignments.AssignmentsBase
{
    // Balancer:Dispatch:ListenerExpiry is at least 90 s on the silos, three of these.
    private static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    public override async Task Connect(
        IAsyncStreamReader<AgentMessage> requestStream, IServerStreamWriter<DispatchMessage> responseStream,
        ServerCallContext context)
    {
        var cancellation = context.CancellationToken;
        if (!await requestStream.MoveNext(cancellation))
        {
            return;
        }

        var tenantId = context.Tenant();
        var agentId = await Hello(tenantId, requestStream.Current);
        var dispatch = grains.GetGrain<IDispatchGrain>(tenantId);
        var offers = Channel.CreateUnbounded<ConversationOffer>(new UnboundedChannelOptions { SingleReader = true });
        using var replies = new SharedStream<DispatchMessage>(responseStream);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var pushing = Task.CompletedTask;
        var renewing = Task.CompletedTask;

        // Registered before listening, so an offer pushed while Listen returns finds the stream.
        relay.Register(tenantId, agentId, offers.Writer);
        try
        {
            foreach (var offer in await dispatch.Listen(agentId, relay.Reference))
            {
                offers.Writer.TryWrite(offer);
            }

            logger.LogDebugAgentConnected(tenantId, agentId, context.Peer);
            // Offers the line leaves unwritten when it closes time out and go to another agent.
            pushing = replies.Relay(offers.Reader, o => new DispatchMessage { Offer = o.ToProto() }, stop.Token);
            renewing = Renew(dispatch, tenantId, agentId, stop.Token);
            await foreach (var message in requestStream.ReadAllAsync(cancellation))
            {
                await credential.Ensure(context);
                var receipt = message.KindCase switch
                {
                    AgentMessage.KindOneofCase.Ack =>
                        await dispatch.Acknowledge(agentId, Conversation("ack", message.Ack.ConversationId)),
                    AgentMessage.KindOneofCase.Decline =>
                        await dispatch.Decline(agentId, Conversation("decline", message.Decline.ConversationId)),
                    _ => throw Invalid("kind", "must be ack or decline after the hello"),
                };
                await replies.Write(new DispatchMessage { Receipt = receipt.ToProto() }, cancellation);
            }
        }
        finally
        {
            offers.Writer.TryComplete();
            var last = relay.Unregister(tenantId, agentId, offers.Writer);
            await stop.CancelAsync();
            await renewing;
            if (last)
            {
                await StopListening(dispatch, tenantId, agentId);
            }

            logger.LogDebugAgentDisconnected(tenantId, agentId);

            // Last, as a write that failed because the client left rethrows here; the call is over either way.
            await pushing;
        }
    }

    private async Task<string> Hello(string tenantId, AgentMessage first)
    {
        if (first.KindCase != AgentMessage.KindOneofCase.Hello)
        {
            throw Invalid("hello", "must be the first message");
        }

        var hello = first.Hello;
        Id("hello.agent_id", hello.AgentId);
        var catalog = await catalogs.Refresh(tenantId);
        if (!catalog.AgentIds.Contains(hello.AgentId))
        {
            throw new RpcException(new Status(
                StatusCode.NotFound, $"hello.agent_id: no agent '{hello.AgentId}' is configured for this tenant."));
        }

        if (!catalog.Routed)
        {
            throw new RpcException(new Status(
                StatusCode.FailedPrecondition,
                "hello: the tenant has no routing rules; set them with Routing.SetRoutingRules."));
        }

        return hello.AgentId;
    }

    private async Task Renew(IDispatchGrain dispatch, string tenantId, string agentId, CancellationToken stop)
    {
        try
        {
            while (true)
            {
                await Task.Delay(RenewInterval, stop);
                try
                {
                    await dispatch.Listen(agentId, relay.Reference).WaitAsync(stop);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarningDispatcherUnreachable(ex, tenantId, agentId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The line closed.
        }
    }

    private async Task StopListening(IDispatchGrain dispatch, string tenantId, string agentId)
    {
        try
        {
            await dispatch.StopListening(agentId, relay.Reference).WaitAsync(StopTimeout);
        }
        catch (Exception ex)
        {
            // The subscription lapses by itself within the dispatcher's expiry.
            logger.LogWarningDispatcherUnreachable(ex, tenantId, agentId);
        }
    }

    private string Conversation(string message, string conversationId)
    {
        Id($"{message}.conversation_id", conversationId);
        return conversationId;
    }

    private void Id(string field, string value) => RequestFields.Id(options.Value, field, value);

    private static RpcException Invalid(string field, string reason) => RequestFields.Invalid(field, reason);
}
