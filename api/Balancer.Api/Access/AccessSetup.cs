using Balancer.Api.Hosting;
using Balancer.Api.Ingest;
using Balancer.Contracts.Live;
using Balancer.Contracts.Model;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Balancer.Api.Access;

/// <summary>
/// Every call is authenticated: by an API key, by the bootstrap key, or, when <c>Balancer:Auth:Jwt</c> names an
/// issuer, by that issuer's JWT. The tenant of a call is the credential's, and each service says which role it
/// needs. Only the live page's files and the health check are open.
/// </summary>
public static class AccessSetup
{
    public const string Scheme = "Balancer";

    public static void AddBalancerAccess(this WebApplicationBuilder builder, bool durable)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(AuthOptions.Section);
        var auth = section.Get<AuthOptions>() ?? new AuthOptions();
        var problems = auth.Validate().ToList();
        if (durable && auth.BootstrapKey == AuthOptions.DevelopmentBootstrapKey)
        {
            problems.Add($"{AuthOptions.Section}:{nameof(AuthOptions.BootstrapKey)} is the development key of " +
                "appsettings.Development.json, which a durable host refuses; set a secret of your own, or none.");
        }

        if (problems.Count > 0)
        {
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), problems);
        }

        services.AddOptions<AuthOptions>().Bind(section);
        services.AddSingleton<KeyResolver>();
        services.AddSingleton<CredentialCheck>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessResults>();
        var authentication = services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Balancer key or token", o => o.ForwardDefaultSelector = context =>
                auth.Jwt.IsConfigured && IsJwt(ApiKeyHandler.BearerToken(context.Request))
                    ? JwtBearerDefaults.AuthenticationScheme
                    : ApiKeyHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyHandler>(ApiKeyHandler.SchemeName, null);
        if (auth.Jwt.IsConfigured)
        {
            authentication.AddJwtBearer(o => Configure(o, auth.Jwt));
        }

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    /// <summary>A JWT is three base64url parts separated by dots; an API key has no dot.</summary>
    private static bool IsJwt(string? token) => token is not null && token.Count(c => c == '.') == 2;

    private static void Configure(JwtBearerOptions options, JwtOptions jwt)
    {
        options.Authority = jwt.Authority;
        options.Audience = jwt.Audience;
        options.RequireHttpsMetadata = jwt.RequireHttpsMetadata;
        options.MapInboundClaims = false;
        options.Events = new JwtBearerEvents
        {
            OnMessageReceived = context =>
            {
                if (context.Request.Path.StartsWithSegments(LiveHubContract.Path) &&
                    context.Request.Query["access_token"].ToString() is { Length: > 0 } token)
                {
                    context.Token = token;
                }

                return Task.CompletedTask;
            },
            OnAuthenticationFailed = context =>
            {
                context.HttpContext.Items[ApiKeyHandler.FailureItem] = context.Exception switch
                {
                    SecurityTokenExpiredException => "the bearer token has expired",
                    SecurityTokenNotYetValidException => "the bearer token is not valid yet",
                    SecurityTokenInvalidAudienceException => "the bearer token is for another audience",
                    SecurityTokenInvalidIssuerException => "the bearer token is from another issuer",
                    SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException =>
                        "the bearer token is not signed by the issuer",
                    _ => "the bearer token was refused",
                };
                return Task.CompletedTask;
            },
            OnTokenValidated = context =>
            {
                var tenant = context.Principal?.FindFirst(jwt.TenantClaim)?.Value;
                var maxLength = context.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>()
                    .Value.MaxIdLength;
                var problem = tenant is null
                    ? $"the token has no '{jwt.TenantClaim}' claim"
                    : Fields.IdProblem(tenant, maxLength) is { } bad
                        ? $"the token's '{jwt.TenantClaim}' claim {bad}"
                        : null;
                if (problem is not null)
                {
                    context.HttpContext.Items[ApiKeyHandler.FailureItem] = problem;
                    context.Fail(problem);
                    return Task.CompletedTask;
                }

                var roles = context.Principal!.FindAll(jwt.RoleClaim)
                    .Aggregate(KeyRoles.None, (all, claim) => all | (Callers.Parse(claim.Value) ?? KeyRoles.None));
                context.Principal = Callers.Of(
                    tenant!, roles, JwtBearerDefaults.AuthenticationScheme,
                    expires: new DateTimeOffset(context.SecurityToken.ValidTo, TimeSpan.Zero));
                return Task.CompletedTask;
            },
        };
    }
}
