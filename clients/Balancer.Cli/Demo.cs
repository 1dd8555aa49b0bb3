using System.Diagnostics;
using Balancer.Api.Access;
using Balancer.Contracts.Api;
using Balancer.Contracts.Live;
using Balancer.Contracts.Model;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.SignalR.Client;
using AgentTier = Balancer.Contracts.Api.AgentTier;
using Channel = Balancer.Contracts.Api.Channel;

namespace Balancer.Cli;

/// <summary>
/// A tenant with two queues, three agents and three sequences. Replies to the premium queue arrive
/// at three a second while its agents answer two, oldest first; once the wait passes the 10-second
/// window, breaches pile up and the warnings climb from warn to critical. The demo calls with a key of
/// the tenant's: the one it is given, or one it issues with the bootstrap key.
/// </summary>
public static class Demo
{
    /// <summary>The variable the bootstrap key is read from when <c>--bootstrap-key</c> is not given.</summary>
    public const string BootstrapKeyVariable = "BALANCER_BOOTSTRAP_KEY";

    private const int PremiumWindowSeconds = 10;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(120);

    public static async Task<int> Run(Options options)
    {
        var web = options.Text("web", "http://localhost:5080").TrimEnd('/');
        var grpc = options.Text("grpc", "http://localhost:5081");
        var (tenant, key) = await Credential(options, grpc);
        using var channel = ApiAccess.Channel(grpc, key);
        var clock = Stopwatch.StartNew();
        var critical = new TaskCompletionSource();

        await Configure(new Configuration.ConfigurationClient(channel));
        Console.WriteLine($"Tenant {tenant}: queues premium ({PremiumWindowSeconds} s window) and standard (60 s), " +
            "agents ana, ben and cy, sequences welcome, cart and invoice.");

        await using var hub = new HubConnectionBuilder()
            .WithUrl(web + LiveHubContract.Path, o => o.AccessTokenProvider = () => Task.FromResult<string?>(key))
            .Build();
        hub.On<LiveWarning>(LiveHubContract.Warning, w =>
        {
            Console.WriteLine($"[{clock.Elapsed:mm\\:ss\\.f}] {Label(w.Level),-8} {w.Message}");
            if (w is { Scope: LiveWarning.QueueScope, SubjectId: "premium", Level: WarningLevel.Critical })
            {
                critical.TrySetResult();
            }
        });
        var lastStatus = TimeSpan.Zero;
        hub.On<LiveSnapshot>(LiveHubContract.Snapshot, s =>
        {
            if (clock.Elapsed - lastStatus < TimeSpan.FromSeconds(5))
            {
                return;
            }

            lastStatus = clock.Elapsed;
            foreach (var q in s.Queues.Where(q => q.QueueId == "premium"))
            {
                Console.WriteLine($"[{clock.Elapsed:mm\\:ss\\.f}] status   premium: {q.Depth} waiting, oldest " +
                    $"{q.OldestWaitSeconds ?? 0:F0} s, {q.Met.OneHour} met, {q.Breached.OneHour} breached");
            }
        });
        await hub.StartAsync();
        await hub.InvokeAsync<LiveSnapshot>(LiveHubContract.Join);
        var viewer = await ApiAccess.Issue(channel, "", "demo live page", Role.Viewer);
        Console.WriteLine($"Joined the live view at {web}{LiveHubContract.Path}; to watch, open (with a viewer key):");
        Console.WriteLine($"{web}/#key={viewer.Secret}");
        Console.WriteLine("Streaming: 3 premium replies a second against 2 answers a second...");

        var ingest = new Ingest.IngestClient(channel);
        using var call = ingest.Stream();
        var script = new DemoScript(tenant);
        var streaming = Task.Run(async () =>
        {
            while (!critical.Task.IsCompleted && clock.Elapsed < Limit)
            {
                await call.RequestStream.WriteAsync(script.Next(DateTimeOffset.UtcNow));
                if (await NextAck(call.ResponseStream, clock) is not { } ack)
                {
                    break;
                }

                foreach (var r in ack.Rejected)
                {
                    Console.WriteLine($"rejected {r.EventId}: {r.Field} {r.Reason}");
                }

                await Task.Delay(TimeSpan.FromSeconds(1));
            }

            await call.RequestStream.CompleteAsync();
        });

        var finished = await Task.WhenAny(critical.Task, Task.Delay(Limit));
        await streaming;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var overview = await new Query.QueryClient(channel).GetTenantOverviewAsync(new TenantRequest());
        Console.WriteLine($"Tenant breach rate over 1h: {overview.BreachRate.OneHour:P1}; " +
            $"{overview.Sends.OneHour} sends, {overview.HumanReplies.OneHour} human replies, " +
            $"{overview.Warnings.Count} warnings standing.");
        if (finished != critical.Task)
        {
            Console.Error.WriteLine("No critical warning arrived within two minutes.");
            return 1;
        }

        return 0;
    }

    /// <summary>
    /// The tenant and the key to call with: the key given and the tenant it belongs to, or a key the demo
    /// issues with the bootstrap key for the tenant named.
    /// </summary>
    private static async Task<(string Tenant, string Key)> Credential(Options options, string grpc)
    {
        if (options.Text("key", "") is { Length: > 0 } given)
        {
            using var channel = ApiAccess.Channel(grpc, given);
            return (await TenantOf(channel, options.Text("tenant", "")), given);
        }

        var tenant = options.Text("tenant", $"demo-{DateTime.UtcNow:HHmmss}");
        var bootstrap = options.Text(
            "bootstrap-key",
            Environment.GetEnvironmentVariable(BootstrapKeyVariable) is { Length: > 0 } set
                ? set
                : AuthOptions.DevelopmentBootstrapKey);
        using var operatorChannel = ApiAccess.Channel(grpc, bootstrap);
        var created = await ApiAccess.Issue(operatorChannel, tenant, "demo", Role.Admin, Role.Sender, Role.Viewer);
        Console.WriteLine($"Issued key {created.Key.KeyId} of tenant {tenant} (admin, sender, viewer).");
        return (tenant, created.Secret);
    }

    /// <summary>The tenant a given key belongs to, which must be <paramref name="named"/> when one is.</summary>
    private static async Task<string> TenantOf(GrpcChannel channel, string named)
    {
        var tenant = (await new Query.QueryClient(channel).GetTenantOverviewAsync(new TenantRequest())).TenantId;
        return named.Length == 0 || named == tenant
            ? tenant
            : throw new ArgumentException($"--key is a key of tenant '{tenant}', not of --tenant '{named}'.");
    }

    /// <summary>Reads the stream up to the next acknowledgement, printing the directives pushed before it.</summary>
    private static async Task<BatchAck?> NextAck(IAsyncStreamReader<IngestReply> replies, Stopwatch clock)
    {
        while (await replies.MoveNext(CancellationToken.None))
        {
            if (replies.Current.Ack is { } ack)
            {
                return ack;
            }

            var d = replies.Current.Directive;
            Console.WriteLine($"[{clock.Elapsed:mm\\:ss\\.f}] directive {d.SequenceId}: {d.PreviousGrade} -> " +
                $"{d.Grade} ({d.Reason})");
        }

        return null;
    }

    private static async Task Configure(Configuration.ConfigurationClient config)
    {
        await config.UpsertQueueAsync(new QueueConfig
        {
            QueueId = "premium", ReplyWindowSeconds = PremiumWindowSeconds, DisplayName = "Premium",
        });
        await config.UpsertQueueAsync(new QueueConfig
        {
            QueueId = "standard", ReplyWindowSeconds = 60, DisplayName = "Standard",
        });
        foreach (var (id, tier, slots) in new[]
        {
            ("ana", AgentTier.Senior, 3), ("ben", AgentTier.Standard, 2), ("cy", AgentTier.Contractor, 2),
        })
        {
            await config.UpsertAgentAsync(new AgentConfig
            {
                AgentId = id, Tier = tier, Slots = slots, DailyCeiling = 400, DisplayName = id,
            });
        }

        foreach (var (id, channel, trigger, urgent, steps) in new[]
        {
            ("welcome", Channel.Email, "sign-up", false, 3),
            ("cart", Channel.Sms, "abandoned cart", false, 2),
            ("invoice", Channel.Email, "invoice", true, 1),
        })
        {
            var sequence = new SequenceConfig
            {
                SequenceId = id, Channel = channel, TriggerSource = trigger, Urgent = urgent,
                DisplayName = id,
            };
            sequence.Steps.AddRange(Enumerable.Range(1, steps).Select(i => new SequenceStep
            {
                Name = $"step {i}", DelaySeconds = 86_400 * (i - 1),
            }));
            await config.UpsertSequenceAsync(sequence);
        }
    }

    private static string Label(WarningLevel level) =>
        level == WarningLevel.Normal ? "RECOVER" : level.ToString().ToUpperInvariant();
}
