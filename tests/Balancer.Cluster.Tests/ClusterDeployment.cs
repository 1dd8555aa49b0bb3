using System.Globalization;

namespace Balancer.Cluster.Tests;

/// <summary>A silo process of a <see cref="ClusterDeployment"/>, with the ports it was given.</summary>
public sealed record RunningSilo(ProcessHost Process, int SiloPort, int GatewayPort, string HealthUrl);

/// <summary>The api process of a <see cref="ClusterDeployment"/>, with its endpoints.</summary>
public sealed record RunningApi(ProcessHost Process, string WebUrl, string GrpcUrl);

/// <summary>
/// Balancer deployed as it is in production, on one database: silo processes and an api process in Client
/// mode, all durable (<c>ConnectionStrings__Balancer</c>) and migrating on start, on free loopback ports,
/// advertising 127.0.0.1. The membership timings are short, so a killed silo is declared dead in seconds.
/// </summary>
public sealed class ClusterDeployment(string connectionString) : IAsyncDisposable
{
    /// <summary>The cluster id every process uses, Balancer's default.</summary>
    public const string ClusterId = "balancer";

    /// <summary>Starting one process until it is healthy.</summary>
    public static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(90);

    /// <summary>Stopping one process gracefully.</summary>
    public static readonly TimeSpan StopLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Probes every second, a silo suspected after two missed ones; the table read every 2 s. Two votes
    /// (Orleans' default) declare a silo dead, and a lone survivor's vote does.
    /// </summary>
    public static readonly IReadOnlyList<string> MembershipTimings =
    [
        "--Balancer:Membership:ProbeTimeout=00:00:01",
        "--Balancer:Membership:NumMissedProbesLimit=2",
        "--Balancer:Membership:TableRefreshTimeout=00:00:02",
        "--Balancer:Membership:IAmAliveTablePublishTimeout=00:00:02",
        "--Balancer:Membership:DeathVoteExpirationTimeout=00:00:30",
    ];

    private readonly List<RunningSilo> _silos = [];
    private readonly List<ProcessHost> _processes = [];

    public string ConnectionString => connectionString;

    /// <summary>The silos started so far, killed and stopped ones included, in the order they started.</summary>
    public IReadOnlyList<RunningSilo> Silos
    {
        get
        {
            lock (_silos)
            {
                return [.. _silos];
            }
        }
    }

    private Dictionary<string, string?> Environment => new()
    {
        ["ConnectionStrings__Balancer"] = connectionString,
        ["Balancer__Storage__MigrateOnStart"] = "true",
    };

    /// <summary>The api's environment: the silos', and the bootstrap key the tests issue tenants' keys with.</summary>
    private Dictionary<string, string?> ApiEnvironment => new(Environment)
    {
        ["Balancer__Auth__BootstrapKey"] = TenantKeys.TestBootstrapKey,
    };

    /// <summary>Starts a silo and waits until its health says it is active in the cluster.</summary>
    /// <param name="settings">Variables added to the silo's environment, such as its TLS options.</param>
    public async Task<RunningSilo> StartSilo(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var silo = LaunchSilo(settings);
        await silo.Process.WaitHealthy(silo.HealthUrl, StartLimit);
        return silo;
    }

    /// <summary>Starts a silo without waiting for it, for a test that expects it never to be healthy.</summary>
    /// <param name="settings">Variables added to the silo's environment, such as its TLS options.</param>
    public RunningSilo LaunchSilo(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (siloPort, gatewayPort, web) = (LoopbackPort.Free(), LoopbackPort.Free(), LoopbackPort.Free());
        var process = Track(ProcessHost.Start(
            "silo/Balancer.Silo",
            EnvironmentWith(settings),
            [
                $"--Urls=http://127.0.0.1:{web}",
                $"--Balancer:Silo:SiloPort={siloPort}",
                $"--Balancer:Silo:GatewayPort={gatewayPort}",
                "--Balancer:Silo:AdvertisedAddress=127.0.0.1",
                .. MembershipTimings,
            ]));
        var silo = new RunningSilo(process, siloPort, gatewayPort, $"http://127.0.0.1:{web}/healthz");
        lock (_silos)
        {
            _silos.Add(silo);
        }

        return silo;
    }

    /// <summary>
    /// Starts the api as a client of the silos, finding their gateways in the membership table; on the
    /// endpoints of <paramref name="replacing"/>, which must have ended, when given.
    /// </summary>
    /// <param name="settings">Variables added to the api's environment, such as its TLS options.</param>
    public async Task<RunningApi> StartApi(
        RunningApi? replacing = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var api = LaunchApi(replacing, settings);
        await api.Process.WaitHealthy(api.WebUrl + "/healthz", StartLimit);
        return api;
    }

    /// <summary>Starts the api as <see cref="StartApi"/> does, without waiting for it to be healthy.</summary>
    public RunningApi LaunchApi(RunningApi? replacing = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (web, grpc) = replacing is null
            ? ($"http://127.0.0.1:{LoopbackPort.Free()}", $"http://127.0.0.1:{LoopbackPort.Free()}")
            : (replacing.WebUrl, replacing.GrpcUrl);
        var process = Track(ProcessHost.Start(
            "api/Balancer.Api",
            ApiEnvironmentWith(settings),
            "--Balancer:Cluster:Mode=Client",
            "--Balancer:Cluster:GatewayListRefreshPeriod=00:00:02",
            $"--Kestrel:Endpoints:Web:Url={web}",
            $"--Kestrel:Endpoints:Grpc:Url={grpc}"));
        return new RunningApi(process, web, grpc);
    }

    /// <summary>
    /// Starts the api with its embedded silo, durable as well, which joins the cluster like a silo process
    /// (and is listed in <see cref="Silos"/>).
    /// </summary>
    /// <param name="settings">Variables added to the api's environment, such as its TLS options.</param>
    public async Task<RunningApi> StartEmbeddedApi(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var (siloPort, gatewayPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        var (web, grpc) = ($"http://127.0.0.1:{LoopbackPort.Free()}", $"http://127.0.0.1:{LoopbackPort.Free()}");
        var process = Track(ProcessHost.Start(
            "api/Balancer.Api",
            ApiEnvironmentWith(settings),
            [
                "--Balancer:Cluster:Mode=Embedded",
                $"--Balancer:Cluster:SiloPort={siloPort}",
                $"--Balancer:Cluster:GatewayPort={gatewayPort}",
                "--Balancer:Cluster:AdvertisedAddress=127.0.0.1",
                $"--Kestrel:Endpoints:Web:Url={web}",
                $"--Kestrel:Endpoints:Grpc:Url={grpc}",
                .. MembershipTimings,
            ]));
        lock (_silos)
        {
            _silos.Add(new RunningSilo(process, siloPort, gatewayPort, web + "/healthz"));
        }

        await process.WaitHealthy(web + "/healthz", StartLimit);
        return new RunningApi(process, web, grpc);
    }

    /// <summary>Reads the membership rows of the deployment's cluster.</summary>
    public Task<IReadOnlyList<MembershipRow>> Membership() => MembershipTable.Read(connectionString, ClusterId);

    /// <summary>Stops every process still running, gracefully: the api first, then the silos together.</summary>
    public async Task StopAll()
    {
        List<ProcessHost> running;
        lock (_processes)
        {
            running = _processes.Where(p => !p.HasExited).ToList();
        }

        var silos = Silos.Select(s => s.Process).ToHashSet();
        await Task.WhenAll(running.Where(p => !silos.Contains(p)).Select(p => p.Stop(StopLimit)));
        await Task.WhenAll(running.Where(silos.Contains).Select(p => p.Stop(StopLimit)));
    }

    /// <summary>What every process printed, for a failing test's message.</summary>
    public string Outputs()
    {
        lock (_processes)
        {
            return string.Join(
                "\n",
                _processes.Select(p => string.Create(CultureInfo.InvariantCulture, $"--- {p.Name}\n{p.Output}")));
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<ProcessHost> all;
        lock (_processes)
        {
            all = [.. _processes];
        }

        foreach (var process in all)
        {
            await process.DisposeAsync();
        }
    }

    private Dictionary<string, string?> ApiEnvironmentWith(IReadOnlyDictionary<string, string?>? settings) =>
        With(ApiEnvironment, settings);

    private Dictionary<string, string?> EnvironmentWith(IReadOnlyDictionary<string, string?>? settings) =>
        With(Environment, settings);

    private static Dictionary<string, string?> With(
        Dictionary<string, string?> environment, IReadOnlyDictionary<string, string?>? settings)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            environment[key] = value;
        }

        return environment;
    }

    private ProcessHost Track(ProcessHost process)
    {
        lock (_processes)
        {
            _processes.Add(process);
        }

        return process;
    }
}
