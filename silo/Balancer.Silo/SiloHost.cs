using Balancer.Grains;

namespace Balancer.Silo;

/// <summary>
/// The silo process of a deployment where the api runs apart (Balancer:Cluster:Mode=Client on the
/// api). Serves its health on the configured URL.
/// </summary>
public static class SiloHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var options = builder.Configuration.GetSection(SiloOptions.Section).Get<SiloOptions>() ?? new SiloOptions();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(options.SiloPort, options.GatewayPort)
            .AddBalancerGrains(builder.Configuration)
            .UseBalancerMemoryStorage());
        builder.Services.AddHealthChecks();
        var app = builder.Build();
        app.MapHealthChecks("/healthz");
        return app;
    }
}

/// <summary>Where the silo listens. Section <c>Balancer:Silo</c>.</summary>
public sealed class SiloOptions
{
    public const string Section = "Balancer:Silo";

    /// <summary>The silo-to-silo port. Default: 11111.</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients (the api) connect to. Default: 30000.</summary>
    public int GatewayPort { get; set; } = 30000;
}
