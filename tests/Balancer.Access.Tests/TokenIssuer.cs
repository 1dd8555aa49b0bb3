using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Balancer.Access.Tests;

/// <summary>
/// An OpenID Connect issuer on a loopback port of its own, as far as an api validating its tokens sees one: the
/// discovery document and the published signing keys, served by Kestrel; and the tokens it signs with its RSA key.
/// </summary>
public sealed class TokenIssuer : IAsyncDisposable
{
    public const string Audience = "balancer";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key;

    private TokenIssuer(WebApplication app, RsaSecurityKey key, string url)
    {
        _app = app;
        _key = key;
        Url = url;
    }

    public string Url { get; }

    public static async Task<TokenIssuer> Start()
    {
        var url = $"http://127.0.0.1:{LoopbackPort.Free()}";
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "signing-1" };
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false))
        {
            KeyId = key.KeyId,
        });
        var builder = WebApplication.CreateSlimBuilder();

        // Not the api's settings, which the tests' folder holds too: their Kestrel endpoints would win.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = url,
            ["jwks_uri"] = url + "/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/keys", () => Results.Json(new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string> { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = jwk.Kid,
                    ["n"] = jwk.N, ["e"] = jwk.E },
            },
        }));
        await app.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        return new TokenIssuer(app, key, url);
    }

    /// <summary>
    /// A token of this issuer for <see cref="Audience"/>, valid from 1 minute ago for <paramref name="lifetime"/>
    /// (10 minutes by default; negative for one long expired), with the claims given.
    /// </summary>
    public string Token(
        IDictionary<string, object> claims, TimeSpan? lifetime = null, string audience = Audience,
        RsaSecurityKey? signedBy = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(10));
        var issued = expires < now ? expires - TimeSpan.FromMinutes(10) : now - TimeSpan.FromMinutes(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Url,
            Audience = audience,
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signedBy ?? _key, SecurityAlgorithms.RsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
