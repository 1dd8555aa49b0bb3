using System.Diagnostics;
using Xunit.Abstractions;

namespace Balancer.Cluster.Tests;

/// <summary>
/// Mutual TLS between the processes of a deployment (<c>Balancer:Tls</c>): each presents a certificate of
/// the deployment's CA and accepts only certificates of that CA, silo to silo and api to gateway.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class TlsTests(PostgresServer server, ITestOutputHelper output)
{
    /// <summary>One call, or one read of the catalog.</summary>
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long a refused process may take to try, and be refused.</summary>
    private static readonly TimeSpan RefusalLimit = TimeSpan.FromSeconds(30);

    /// <summary>How long a refused silo may take to be voted dead and stop, on the tests' membership timings.</summary>
    private static readonly TimeSpan DeathLimit = TimeSpan.FromSeconds(60);

    /// <summary>The certificates' names of the members of the first test, in the order they are listed.</summary>
    private static readonly string[] Names = ["silo-1", "silo-2", "embedded"];

    [Fact]
    public async Task TwoSilosAnApiAndAnEmbeddedApi_MutualTls_AllActiveAndTheCatalogReadsBackThroughEither()
    {
        using var ca = new CertificateAuthority("balancer-ca");
        var database = await server.CreateDatabase();
        await using var deployment = new ClusterDeployment(database);

        var members = Task.WhenAll(
            deployment.StartSilo(ca.Settings("silo-1")), deployment.StartSilo(ca.Settings("silo-2")));
        var embeddedApi = await deployment.StartEmbeddedApi(ca.Settings("embedded"));
        var silos = await members;
        var api = await deployment.StartApi(settings: ca.Settings("api"));
        using var channel = new TenantKeys(api.GrpcUrl);
        using var embedded = new TenantKeys(embeddedApi.GrpcUrl);
        await TenantCatalog.Configure(channel.For("acme"), CallLimit);
        await TenantCatalog.Configure(embedded.For("globex"), CallLimit);

        var rows = await deployment.Membership();
        Assert.Equal(
            deployment.Silos.Select(s => (s.SiloPort, s.GatewayPort, SiloStatus.Active)).OrderBy(s => s.SiloPort),
            rows.Select(r => (r.Port, r.ProxyPort, r.Status)));
        foreach (var (through, tenant) in new[] { (channel, "globex"), (embedded, "acme") })
        {
            Assert.Equal(TenantCatalog.Expected(tenant), await TenantCatalog.Read(through.For(tenant), CallLimit));
        }

        await api.Process.WaitForLine("Balancer client: TLS on connections to the gateways", CallLimit);
        foreach (var (process, name) in silos.Select(s => s.Process).Append(embeddedApi.Process).Zip(Names))
        {
            await process.WaitForLine(
                $"Balancer silo: TLS on silo-to-silo and gateway connections, presenting 'CN={name}'", CallLimit);
        }

        Assert.DoesNotContain("Authentication failed", deployment.Outputs(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeersNotOfTheCaAndAClientWithoutTls_TlsCluster_RefusedAndNeverServe()
    {
        using var ca = new CertificateAuthority("balancer-ca");
        using var other = new CertificateAuthority("other-ca");
        var database = await server.CreateDatabase();
        await using var deployment = new ClusterDeployment(database);
        var member = await deployment.StartSilo(ca.Settings("silo-1"));

        var clock = Stopwatch.StartNew();
        var rogueSilo = deployment.LaunchSilo(other.Settings("rogue-silo", trusted: ca));
        var rogueApi = deployment.LaunchApi(settings: other.Settings("rogue-api", trusted: ca));
        var plainApi = deployment.LaunchApi();

        var refusal = await member.Process.WaitForLine("Remote certificate 'CN=rogue-silo'", RefusalLimit);
        await member.Process.WaitForLine("Remote certificate 'CN=rogue-api'", RefusalLimit);
        await plainApi.Process.WaitForLine(
            $"Connection attempt to endpoint S127.0.0.1:{member.GatewayPort}:0 failed", RefusalLimit);
        var exit = await rogueSilo.Process.WaitForExit(DeathLimit);
        output.WriteLine($"{refusal.Trim()}\nThe rogue silo exited with {exit} {clock.Elapsed.TotalSeconds:F1} s " +
            "after it was started.");

        Assert.NotEqual(0, exit);
        Assert.Equal(
            [(member.SiloPort, SiloStatus.Active), (rogueSilo.SiloPort, SiloStatus.Dead)],
            (await deployment.Membership()).Select(r => (r.Port, r.Status)).OrderBy(r => r.Status));
        Assert.False(await Answers(rogueSilo.HealthUrl));
        Assert.False(await Answers(rogueApi.WebUrl + "/healthz"));
        Assert.False(await Answers(plainApi.WebUrl + "/healthz"));
    }

    [Fact]
    public async Task Silo_TlsWithAWrongPassword_ExitsNamingTheOption()
    {
        using var ca = new CertificateAuthority("balancer-ca");
        var settings = ca.Settings("silo-1");
        settings["Balancer__Tls__CertificatePassword"] = "not-the-password";

        await using var silo = ProcessHost.Start(
            "silo/Balancer.Silo",
            settings,
            $"--Urls=http://127.0.0.1:{LoopbackPort.Free()}",
            $"--Balancer:Silo:SiloPort={LoopbackPort.Free()}",
            $"--Balancer:Silo:GatewayPort={LoopbackPort.Free()}");

        Assert.NotEqual(0, await silo.WaitForExit(RefusalLimit));
        Assert.Contains(
            $"Balancer:Tls:CertificatePath: '{settings["Balancer__Tls__CertificatePath"]}' could not be opened with " +
                "CertificatePassword: a wrong password, or not a PKCS#12 file.",
            silo.Output);
    }

    [Fact]
    public async Task Api_TlsEnabledWithoutACertificate_ExitsNamingTheOption()
    {
        await using var api = ProcessHost.Start(
            "api/Balancer.Api",
            new Dictionary<string, string?> { ["Balancer__Tls__Enabled"] = "true" },
            $"--Kestrel:Endpoints:Web:Url=http://127.0.0.1:{LoopbackPort.Free()}",
            $"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{LoopbackPort.Free()}");

        Assert.NotEqual(0, await api.WaitForExit(RefusalLimit));
        Assert.Contains(
            "Balancer:Tls:CertificatePath (or CertificatePemPath and KeyPemPath) must be set when " +
                "Balancer:Tls:Enabled is true.",
            api.Output);
    }

    private static async Task<bool> Answers(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }
}
