using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Balancer.Hosting;

/// <summary>
/// Decides whether the certificate the other side of a silo or gateway connection presents is one of the
/// deployment's: issued by one of the trusted certificates and valid now, and, when thumbprints are listed,
/// one of them. The platform's own verdict is set aside, since it judges against the system's roots and a
/// host name, and a cluster's members are neither: they are addresses holding the deployment's certificates.
/// </summary>
internal sealed class RemoteCertificateCheck(
    X509Certificate2Collection trusted, IReadOnlyCollection<string> thumbprints)
{
    private readonly HashSet<string> _thumbprints = thumbprints.ToHashSet(StringComparer.Ordinal);

    /// <summary>Where refusals are logged; none until the host's logging is up.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>What is accepted, in words, for the start-up log.</summary>
    public string Rule => (trusted.Count, _thumbprints.Count) switch
    {
        (> 0, > 0) => string.Create(CultureInfo.InvariantCulture,
            $"issued by {Issuers} and one of {_thumbprints.Count} thumbprints"),
        (> 0, _) => $"issued by {Issuers}",
        _ => string.Create(CultureInfo.InvariantCulture, $"one of {_thumbprints.Count} thumbprints"),
    };

    private string Issuers => string.Join(" or ", trusted.Select(c => $"'{c.Subject}'"));

    /// <summary>
    /// The callback Orleans calls during each handshake; <paramref name="errors"/> is the platform's
    /// verdict, which is not used. Logs a refusal with its reason.
    /// </summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        var refusal = Refusal(certificate, presented);
        if (refusal is null)
        {
            return true;
        }

        Logger.LogWarningRemoteCertificateRefused(certificate.Subject, Thumbprint(certificate), refusal);
        return false;
    }

    /// <summary>Why <paramref name="certificate"/> is refused, or null when it is accepted.</summary>
    /// <param name="presented">The chain the platform built, whose certificates may serve as intermediates.</param>
    public string? Refusal(X509Certificate2 certificate, X509Chain? presented = null)
    {
        if (_thumbprints.Count > 0 && !_thumbprints.Contains(Thumbprint(certificate)))
        {
            return $"its SHA-256 thumbprint is not one of {TlsOptions.Key(nameof(TlsOptions.AllowedThumbprints))}";
        }

        if (trusted.Count == 0)
        {
            var now = DateTime.Now;
            var valid = now >= certificate.NotBefore && now <= certificate.NotAfter;
            return valid ? null : $"it is {NotValidNow(certificate)}";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        foreach (var element in presented?.ChainElements ?? Enumerable.Empty<X509ChainElement>())
        {
            chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        if (chain.Build(certificate))
        {
            return null;
        }

        var statuses = chain.ChainStatus.Select(s => s.Status.ToString()).Distinct();
        return $"it is not issued by a certificate of {TlsOptions.Key(nameof(TlsOptions.TrustedCertificatePath))} " +
            $"({string.Join(", ", statuses)})";
    }

    /// <summary>The certificate's SHA-256 thumbprint, upper-case hexadecimal without colons.</summary>
    public static string Thumbprint(X509Certificate2 certificate) =>
        certificate.GetCertHashString(HashAlgorithmName.SHA256);

    /// <summary>When a certificate is valid, in words, for a refusal or a start-up problem.</summary>
    public static string NotValidNow(X509Certificate2 certificate)
    {
        var (from, to) = (certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime());
        return string.Create(CultureInfo.InvariantCulture, $"valid from {from:u} to {to:u}, not now");
    }
}
