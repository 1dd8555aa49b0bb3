using Balancer.Hosting;

namespace Balancer.Silo;

/// <summary>
/// The silo process of a deployment where the api runs apart (Balancer:Cluster:Mode=Client on the
/// api). Listens where <c>Balancer:Silo</c> says, is durable when <c>ConnectionStrings:Balancer</c> is set,
/// and serves its health on the configured URL: healthy once the silo is active in the cluster.
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
        builder.UseBalancerSilo(SiloEndpointOptions.Section);
        var app = builder.Build();
        app.MapHealthChecks("/healthz");
        return app;
    }
}
