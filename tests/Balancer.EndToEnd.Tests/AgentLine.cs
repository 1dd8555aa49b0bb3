using Balancer.Contracts.Api;
using Grpc.Core;
using Grpc.Net.Client;

namespace Balancer.EndToEnd.Tests;

/// <summary>
/// An agent's Assignments.Connect stream, as an agent desktop would hold it: reads offers and receipts
/// apart, whatever order they come in, and bounds every wait.
/// </summary>
public sealed class AgentLine : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private readonly AsyncDuplexStreamingCall<AgentMessage, DispatchMessage> _call;
    private readonly Queue<Offer> _offers = new();
    private readonly Queue<Receipt> _receipts = new();

    private AgentLine(AsyncDuplexStreamingCall<AgentMessage, DispatchMessage> call) => _call = call;

    /// <summary>Connects as the agent of the tenant <paramref name="channel"/> calls as, and says hello.</summary>
    public static async Task<AgentLine> Open(GrpcChannel channel, string agentId)
    {
        var call = new Assignments.AssignmentsClient(channel).Connect(deadline: DateTime.UtcNow.AddMinutes(2));
        var hello = new AgentMessage { Hello = new Hello { AgentId = agentId } };
        await call.RequestStream.WriteAsync(hello).WaitAsync(Wait);
        return new AgentLine(call);
    }

    public async Task<Offer> NextOffer()
    {
        while (_offers.Count == 0)
        {
            await Read();
        }

        return _offers.Dequeue();
    }

    public async Task<Receipt> Ack(string conversationId)
    {
        await _call.RequestStream.WriteAsync(new AgentMessage { Ack = new Ack { ConversationId = conversationId } })
            .WaitAsync(Wait);
        return await NextReceipt();
    }

    public async Task<Receipt> Decline(string conversationId)
    {
        await _call.RequestStream
            .WriteAsync(new AgentMessage { Decline = new Decline { ConversationId = conversationId } })
            .WaitAsync(Wait);
        return await NextReceipt();
    }

    /// <summary>Writes a message as it is, for tests of what the server refuses.</summary>
    public Task Send(AgentMessage message) => _call.RequestStream.WriteAsync(message).WaitAsync(Wait);

    /// <summary>Waits for the server to end the call, and returns how it ended it.</summary>
    public async Task<RpcException> Ended()
    {
        using var timeout = new CancellationTokenSource(Wait);
        return await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await _call.ResponseStream.MoveNext(timeout.Token))
            {
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _call.RequestStream.CompleteAsync().WaitAsync(Wait);
        }
        catch (Exception ex) when (ex is InvalidOperationException or RpcException)
        {
            // The server ended the call first.
        }

        _call.Dispose();
    }

    private async Task<Receipt> NextReceipt()
    {
        while (_receipts.Count == 0)
        {
            await Read();
        }

        return _receipts.Dequeue();
    }

    private async Task Read()
    {
        using var timeout = new CancellationTokenSource(Wait);
        if (!await _call.ResponseStream.MoveNext(timeout.Token))
        {
            throw new InvalidOperationException("The server ended the assignment stream.");
        }

        var message = _call.ResponseStream.Current;
        if (message.KindCase == DispatchMessage.KindOneofCase.Offer)
        {
            _offers.Enqueue(message.Offer);
        }
        else
        {
            _receipts.Enqueue(message.Receipt);
        }
    }
}
