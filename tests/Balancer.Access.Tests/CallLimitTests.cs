using System.Net;
using System.Net.Http.Headers;
using Balancer.Contracts.Api;
using Balancer.Contracts.Live;
using Grpc.Core;
using Microsoft.AspNetCore.SignalR.Client;

namespace Balancer.Access.Tests;

/// <summary>
/// Each caller's calls a second, on a host whose buckets hold 8 calls and do not refill while the tests run (one
/// call per 1,000 s): a tenant's first 8 calls pass and the 9th is answered RESOURCE_EXHAUSTED with the wait, as
/// gRPC answers a call failing at once; other tenants, the bootstrap key and ingest go on; a stream counts once,
/// and a hub connection twice.
/// </summary>
public sealed class CallLimitTests(CallLimitTests.Host fixture) : IClassFixture<CallLimitTests.Host>
{
    private const int Bucket = 8;
    private const string Refusal =
        "Too many calls: tenant '{0}' may make 0.001 calls a second to this api host, 8 at once; " +
        "retry after 1000000 ms.";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Calls_PastTheTenantsBucket_RefusedWithTheWaitWhileOthersGoOn()
    {
        var (tenant, other) = (AccessHost.NewTenant("calls"), AccessHost.NewTenant("other-calls"));
        var channel = fixture.Access.For(tenant);
        var query = new Query.QueryClient(channel);
        await TenantSetup.QueueAndSequence(channel);
        for (var i = 2; i < Bucket; i++)
        {
            await query.GetTenantOverviewAsync(new TenantRequest(), deadline: TenantSetup.Deadline());
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => query.GetTenantOverviewAsync(
            new TenantRequest(), deadline: TenantSetup.Deadline()).ResponseAsync);
        var sent = await new Ingest.IngestClient(channel).SubmitAsync(
            TenantSetup.Sends(fixture.Access.NowMs, 10), deadline: TenantSetup.Deadline());
        var others = await new Query.QueryClient(fixture.Access.For(other))
            .GetTenantOverviewAsync(new TenantRequest(), deadline: TenantSetup.Deadline());
        var issued = await fixture.Access.Keys.Issue(tenant, Role.Viewer);

        Assert.Equal(
            (StatusCode.ResourceExhausted, string.Format(Refusal, tenant), "1000000"),
            (ex.StatusCode, ex.Status.Detail, ex.Trailers.GetValue("grpc-retry-pushback-ms")));
        Assert.Equal(10, sent.Accepted);
        Assert.Equal(other, others.TenantId);
        Assert.StartsWith("bal_", issued);
    }

    [Fact]
    public async Task Call_OverTheLimit_AnsweredWithHeadersAloneCarryingTheStatus()
    {
        var tenant = AccessHost.NewTenant("raw-calls");
        var channel = fixture.Access.For(tenant);
        var query = new Query.QueryClient(channel);
        for (var i = 0; i < Bucket; i++)
        {
            await query.GetTenantOverviewAsync(new TenantRequest(), deadline: TenantSetup.Deadline());
        }

        using var http = new HttpClient { Timeout = Timeout };
        using var request = new HttpRequestMessage(
            HttpMethod.Post, fixture.Access.GrpcUrl + "/balancer.v1.Query/GetTenantOverview")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TE.ParseAdd("trailers");
        var key = await fixture.Access.Keys.KeyOf(tenant);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["8"], response.Headers.GetValues("grpc-status"));
        Assert.Equal(
            [Uri.EscapeDataString(string.Format(Refusal, tenant))], response.Headers.GetValues("grpc-message"));
        Assert.Equal(["1000000"], response.Headers.GetValues("grpc-retry-pushback-ms"));
        Assert.Empty(body);
    }

    [Fact]
    public async Task Stream_CountsAsOneCallHoweverManyMessagesItCarries()
    {
        var tenant = AccessHost.NewTenant("stream-calls");
        var channel = fixture.Access.For(tenant);
        var config = new Configuration.ConfigurationClient(channel);
        await config.UpsertQueueAsync(
            new QueueConfig { QueueId = "q1", ReplyWindowSeconds = 60 }, deadline: TenantSetup.Deadline());
        await config.UpsertAgentAsync(
            new AgentConfig { AgentId = "a1", Tier = AgentTier.Standard, Slots = 2, DailyCeiling = 10 },
            deadline: TenantSetup.Deadline());
        await new Routing.RoutingClient(channel).SetRoutingRulesAsync(
            new RoutingConfig { Control = new RoutingRules { SeniorQueueId = "q1", OverflowQueueId = "q1" } },
            deadline: TenantSetup.Deadline());
        var receipts = new List<Receipt>();

        using (var line = new Assignments.AssignmentsClient(channel).Connect(deadline: TenantSetup.Deadline()))
        {
            using var timeout = new CancellationTokenSource(Timeout);
            await line.RequestStream.WriteAsync(new AgentMessage { Hello = new Hello { AgentId = "a1" } });
            for (var i = 0; i < 20; i++)
            {
                await line.RequestStream.WriteAsync(new AgentMessage { Ack = new Ack { ConversationId = $"c{i}" } });
                while (await line.ResponseStream.MoveNext(timeout.Token) &&
                    line.ResponseStream.Current.KindCase != DispatchMessage.KindOneofCase.Receipt)
                {
                }

                receipts.Add(line.ResponseStream.Current.Receipt);
            }

            await line.RequestStream.CompleteAsync();
        }

        var query = new Query.QueryClient(channel);
        for (var i = 4; i < Bucket; i++)
        {
            await query.GetTenantOverviewAsync(new TenantRequest(), deadline: TenantSetup.Deadline());
        }

        var ex = await Assert.ThrowsAsync<RpcException>(() => query.GetTenantOverviewAsync(
            new TenantRequest(), deadline: TenantSetup.Deadline()).ResponseAsync);

        Assert.Equal(20, receipts.Count(r => !r.Accepted));
        Assert.Equal(StatusCode.ResourceExhausted, ex.StatusCode);
    }

    [Fact]
    public async Task Hub_ItsNegotiateAndConnectCountAsCalls_RefusedWith429AndTheWait()
    {
        var tenant = AccessHost.NewTenant("hub-calls");
        var key = await fixture.Access.Keys.Issue(tenant, Role.Viewer);
        await using (var hub = new HubConnectionBuilder()
            .WithUrl(
                fixture.Access.WebUrl + LiveHubContract.Path,
                o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
            .Build())
        {
            await hub.StartAsync().WaitAsync(Timeout);
            // Messages on an open connection are not calls.
            for (var i = 0; i < Bucket; i++)
            {
                await hub.InvokeAsync<LiveSnapshot>(LiveHubContract.Join).WaitAsync(Timeout);
            }
        }

        var query = new Query.QueryClient(fixture.Access.For(tenant));
        for (var i = 2; i < Bucket; i++)
        {
            await query.GetTenantOverviewAsync(new TenantRequest(), deadline: TenantSetup.Deadline());
        }

        using var http = new HttpClient { Timeout = Timeout };
        using var request = new HttpRequestMessage(
            HttpMethod.Post, fixture.Access.WebUrl + LiveHubContract.Path + "/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(1000), response.Headers.RetryAfter?.Delta);
        Assert.Equal(string.Format(Refusal, tenant), await response.Content.ReadAsStringAsync());
    }

    /// <summary>The host of these tests, with their low calls' limit.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public AccessHost Access { get; private set; } = null!;

        public async Task InitializeAsync() => Access = await AccessHost.Start(new Dictionary<string, string?>
        {
            ["Balancer:Limits:CallsPerSecond"] = "0.001",
            ["Balancer:Limits:CallBurst"] = $"{Bucket}",
        });

        public async Task DisposeAsync() => await Access.DisposeAsync();
    }
}
