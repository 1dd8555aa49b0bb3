using Balancer.Api.Assignments;
using Balancer.Api.Ingest;
using Balancer.Api.Live;
using Balancer.Api.Services;
using Balancer.Contracts.Live;
using Balancer.Grains;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Hosting;

/// <summary>Builds the api host: used by Program, by the end-to-end tests and by the bench alike.</summary>
public static class BalancerApiHost
{
    /// <param name="configure">Runs before Balancer's services are added, so what it registers wins.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        configure?.Invoke(builder);
        builder.AddBalancerApi();
        var app = builder.Build();
        app.MapBalancerApi();
        return app;
    }

    /// <summary>Adds the grains' connection, gRPC, SignalR and the api's options. Safe to call twice.</summary>
    public static WebApplicationBuilder AddBalancerApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(TenantCatalogCache)))
        {
            return builder;
        }

        var cluster = builder.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>()
            ?? new ClusterOptions();
        if (cluster.Mode == ClusterMode.Embedded)
        {
            builder.UseOrleans(silo => silo
                .UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort)
                .AddBalancerGrains(builder.Configuration)
                .UseBalancerMemoryStorage());
        }
        else
        {
            builder.UseOrleansClient(client => client.UseLocalhostClustering(cluster.GatewayPort));
        }

        services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddBalancerAdvice(builder.Configuration);
        services.TryAddSingleton(BalancerClock.System);
        services.AddSingleton<TenantCatalogCache>();
        services.TryAddSingleton(IngestDurability.None);
        services.AddSingleton<DirectiveFeed>();
        services.AddSingleton<LiveObserver>();
        services.AddSingleton<AssignmentRelay>();
        services.AddHostedService<LiveSubscription>();
        services.AddGrpc();
        services.AddSignalR();
        services.AddHealthChecks();
        return builder;
    }

    /// <summary>Maps the gRPC services, the live hub, the live page and the health check.</summary>
    public static WebApplication MapBalancerApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapGrpcService<IngestService>();
        app.MapGrpcService<ConfigurationService>();
        app.MapGrpcService<QueryService>();
        app.MapGrpcService<RebalancingService>();
        app.MapGrpcService<RoutingService>();
        app.MapGrpcService<AssignmentsService>();
        if (options.EnableBenchSink)
        {
            app.MapGrpcService<BenchSinkService>();
        }

        app.MapHub<LiveHub>(LiveHubContract.Path);
        app.MapHealthChecks("/healthz");
        var cluster = app.Configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>()
            ?? new ClusterOptions();
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformationStarted(
            cluster.Mode.ToString(), cluster.Mode == ClusterMode.Embedded));
        return app;
    }

    private sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
    {
        public ValidateOptionsResult Validate(string? name, ApiOptions options)
        {
            var problems = options.Validate().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
