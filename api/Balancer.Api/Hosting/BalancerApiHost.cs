using Balancer.Api.Access;
using Balancer.Api.Assignments;
using Balancer.Api.Ingest;
using Balancer.Api.Limits;
using Balancer.Api.Live;
using Balancer.Api.Services;
using Balancer.Contracts.Live;
using Balancer.Grains;
using Balancer.Hosting;
using Balancer.Storage;
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

        var cluster = ReadCluster(builder.Configuration);
        if (cluster.Mode == ClusterMode.Embedded)
        {
            builder.UseBalancerSilo(ClusterOptions.Section);
        }
        else
        {
            builder.UseBalancerClient(cluster.GatewayPort, cluster.GatewayListRefreshPeriod);
        }

        var storage = StorageOptions.From(builder.Configuration);
        if (storage.IsDurable)
        {
            AddDurableIngest(services, storage.ConnectionString!, builder.Configuration);
        }

        builder.AddBalancerAccess(storage.IsDurable);

        services.AddOptions<ApiOptions>().Bind(builder.Configuration.GetSection(ApiOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddBalancerLimits(builder.Configuration);
        services.AddBalancerAdvice(builder.Configuration);
        services.TryAddSingleton(BalancerClock.System);
        services.AddSingleton<TenantCatalogCache>();
        services.TryAddSingleton(IngestDurability.None);
        services.AddSingleton<DirectiveFeed>();
        services.AddSingleton<LiveObserver>();
        services.AddSingleton<AssignmentRelay>();
        services.AddHostedService<LiveSubscription>();
        services.AddSingleton<HubCredentialWatch>();
        services.AddHostedService(provider => provider.GetRequiredService<HubCredentialWatch>());
        services.AddGrpc();
        services.AddSignalR();
        services.AddHealthChecks();
        return builder;
    }

    /// <summary>
    /// Maps the gRPC services, the live hub, the live page and the health check. The calls' limit runs after
    /// authorization, so that it knows the caller's tenant and counts only calls the credential may make; the
    /// ingest services are bounded by the events' limit instead. A hub connection counts as calls when it opens
    /// (its negotiate and its connect), not for the messages it carries.
    /// </summary>
    public static WebApplication MapBalancerApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapGrpcService<IngestService>();
        app.MapGrpcService<ConfigurationService>().WithCallLimit();
        app.MapGrpcService<QueryService>().WithCallLimit();
        app.MapGrpcService<RebalancingService>().WithCallLimit();
        app.MapGrpcService<RoutingService>().WithCallLimit();
        app.MapGrpcService<AssignmentsService>().WithCallLimit();
        app.MapGrpcService<KeysService>().WithCallLimit();
        if (options.EnableBenchSink)
        {
            app.MapGrpcService<BenchSinkService>();
        }

        app.MapHub<LiveHub>(LiveHubContract.Path).WithCallLimit();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        var cluster = ReadCluster(app.Configuration);
        var durable = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.IsDurable;
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformationStarted(
            cluster.Mode.ToString(), !durable));
        return app;
    }

    /// <summary>
    /// Registers what the api needs only when durable (<c>ConnectionStrings:Balancer</c> set), in either mode:
    /// the journal every accepted batch is appended to before it is acknowledged, and the runner that
    /// rebuilds a tenant's figures from it when a silo holding some of them was lost.
    /// </summary>
    internal static void AddDurableIngest(
        IServiceCollection services, string connectionString, IConfiguration configuration)
    {
        services.AddBalancerJournal(connectionString, configuration);
        services.AddOptions<RecoveryOptions>()
            .Bind(configuration.GetSection(RecoveryOptions.Section))
            .ValidateOnStart();
        services.TryAddSingleton<RecoveryRunner>();
        services.AddHostedService<RecoverySweep>();
        services.Replace(ServiceDescriptor.Singleton(provider => new IngestDurability(
            provider.GetRequiredService<IEventJournal>(), provider.GetRequiredService<RecoveryRunner>())));
    }

    /// <summary>Reads and checks the cluster options, which decide how Orleans is added.</summary>
    private static ClusterOptions ReadCluster(IConfiguration configuration)
    {
        var cluster = configuration.GetSection(ClusterOptions.Section).Get<ClusterOptions>() ?? new ClusterOptions();
        var problems = cluster.Validate().ToList();
        return problems.Count == 0
            ? cluster
            : throw new OptionsValidationException(ClusterOptions.Section, typeof(ClusterOptions), problems);
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
