using Balancer.Api.Hosting;
using Balancer.Grains;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Balancer.Api.Limits;

/// <summary>Registers the limits of <see cref="LimitsOptions"/> where each applies.</summary>
public static class LimitsSetup
{
    /// <summary>
    /// Binds and validates the options, and hands them to what enforces them: the events' limiter the ingest
    /// service calls, the calls' policy of the rate limiting middleware, gRPC's and SignalR's message sizes.
    /// </summary>
    public static IServiceCollection AddBalancerLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LimitsOptions>().Bind(configuration.GetSection(LimitsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>, LimitsOptionsValidator>();
        services.TryAddSingleton(LimitsClock.System);
        services.AddSingleton<EventLimiter>();
        services.AddOptions<GrpcServiceOptions>().Configure<IOptions<LimitsOptions>>(
            (grpc, limits) => grpc.MaxReceiveMessageSize = limits.Value.MaxMessageBytes);
        services.AddOptions<HubOptions>().Configure<IOptions<LimitsOptions>>(
            (hub, limits) => hub.MaximumReceiveMessageSize = limits.Value.MaxHubMessageBytes);
        services.AddRateLimiter(o => o.AddPolicy<CallLimiter.Caller, CallLimiter>(CallLimiter.Policy));
        return services;
    }

    /// <summary>Counts the endpoint's calls against the caller's calls a second.</summary>
    public static TBuilder WithCallLimit<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.RequireRateLimiting(CallLimiter.Policy);

    private sealed class LimitsOptionsValidator(IOptions<ApiOptions> api) : IValidateOptions<LimitsOptions>
    {
        public ValidateOptionsResult Validate(string? name, LimitsOptions options)
        {
            var problems = options.Validate(api.Value.MaxEventsPerBatch).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
