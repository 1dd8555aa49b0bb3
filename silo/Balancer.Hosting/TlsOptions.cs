using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Balancer.Hosting;

/// <summary>
/// Mutual TLS on the cluster's own connections: silo to silo, and from an Orleans client (the api) to a
/// silo's gateway. Section <c>Balancer:Tls</c>, read by the silo process and the api alike, whether it
/// hosts a silo or is a client. When enabled, every process presents its own certificate and accepts the
/// other side's only if it is issued by a certificate of <see cref="TrustedCertificatePath"/>, or its
/// thumbprint is one of <see cref="AllowedThumbprints"/> (both, when both are set). Every process of one
/// deployment must have it on, or every one off: a connection with TLS on one side only fails.
/// </summary>
public sealed class TlsOptions
{
    public const string Section = "Balancer:Tls";

    /// <summary>Whether the silo and gateway connections use TLS. Default: false.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// This process's certificate with its private key, as a PKCS#12 (.pfx) file. Default: none. Set it, or
    /// <see cref="CertificatePemPath"/> and <see cref="KeyPemPath"/>, when TLS is enabled.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>
    /// The password of <see cref="CertificatePath"/>, or of <see cref="KeyPemPath"/> when that key is
    /// encrypted. Default: none.
    /// </summary>
    public string? CertificatePassword { get; set; }

    /// <summary>This process's certificate as a PEM file, with <see cref="KeyPemPath"/>. Default: none.</summary>
    public string? CertificatePemPath { get; set; }

    /// <summary>The private key of <see cref="CertificatePemPath"/>, a PEM file. Default: none.</summary>
    public string? KeyPemPath { get; set; }

    /// <summary>
    /// The certificates a remote certificate must be issued by, usually the deployment's own CA: a PEM file
    /// of one or more, or a DER file of one. They are the only roots trusted here; the system's are not.
    /// Default: none. It or <see cref="AllowedThumbprints"/> must be set when TLS is enabled.
    /// </summary>
    public string? TrustedCertificatePath { get; set; }

    /// <summary>
    /// The SHA-256 thumbprints (64 hexadecimal digits, colons allowed) of the only remote certificates
    /// accepted. Default: none, any certificate issued by <see cref="TrustedCertificatePath"/>.
    /// </summary>
    public IList<string> AllowedThumbprints { get; set; } = [];

    /// <summary>Reads the section from <paramref name="configuration"/>.</summary>
    public static TlsOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<TlsOptions>() ?? new TlsOptions();

    /// <summary>A thumbprint as <see cref="RemoteCertificateCheck"/> compares it: upper case, no colons.</summary>
    internal static string Normalize(string thumbprint) =>
        thumbprint.Replace(":", "", StringComparison.Ordinal).Trim().ToUpperInvariant();

    /// <summary>
    /// The problems of these options that need no certificate opened, each naming its option; none when they
    /// are valid or TLS is off. <see cref="TlsCredentials.Read"/> finds the rest.
    /// </summary>
    public IEnumerable<string> Validate()
    {
        if (!Enabled)
        {
            yield break;
        }

        var pkcs12 = !string.IsNullOrWhiteSpace(CertificatePath);
        var pem = !string.IsNullOrWhiteSpace(CertificatePemPath) || !string.IsNullOrWhiteSpace(KeyPemPath);
        if (!pkcs12 && !pem)
        {
            yield return $"{Key(nameof(CertificatePath))} (or {nameof(CertificatePemPath)} and {nameof(KeyPemPath)}) " +
                $"must be set when {Key(nameof(Enabled))} is true.";
        }
        else if (pkcs12 && pem)
        {
            yield return $"{Key(nameof(CertificatePath))} and {nameof(CertificatePemPath)} exclude each other: " +
                "set a PKCS#12 file or a PEM pair, not both.";
        }
        else if (pem && string.IsNullOrWhiteSpace(CertificatePemPath))
        {
            yield return $"{Key(nameof(CertificatePemPath))} must be set with {nameof(KeyPemPath)}.";
        }
        else if (pem && string.IsNullOrWhiteSpace(KeyPemPath))
        {
            yield return $"{Key(nameof(KeyPemPath))} must be set with {nameof(CertificatePemPath)}.";
        }

        foreach (var (name, path) in Files())
        {
            if (!string.IsNullOrWhiteSpace(path) && !File.Exists(path))
            {
                yield return $"{Key(name)} names no file: '{path}'.";
            }
        }

        if (string.IsNullOrWhiteSpace(TrustedCertificatePath) && AllowedThumbprints.Count == 0)
        {
            yield return $"{Key(nameof(TrustedCertificatePath))} or {nameof(AllowedThumbprints)} must be set when " +
                $"{Key(nameof(Enabled))} is true: only the certificates they name are accepted from the other side.";
        }

        for (var i = 0; i < AllowedThumbprints.Count; i++)
        {
            var thumbprint = AllowedThumbprints[i] ?? "";
            var normalized = Normalize(thumbprint);
            if (normalized.Length != 64 || !normalized.All(char.IsAsciiHexDigit))
            {
                yield return string.Create(
                    CultureInfo.InvariantCulture,
                    $"{Key(nameof(AllowedThumbprints))}:{i} must be a SHA-256 thumbprint, 64 hexadecimal digits; " +
                    $"it is '{thumbprint}'.");
            }
        }
    }

    /// <summary>The full configuration key of the option <paramref name="name"/>.</summary>
    internal static string Key(string name) => $"{Section}:{name}";

    private IEnumerable<(string Name, string? Path)> Files() =>
    [
        (nameof(CertificatePath), CertificatePath),
        (nameof(CertificatePemPath), CertificatePemPath),
        (nameof(KeyPemPath), KeyPemPath),
        (nameof(TrustedCertificatePath), TrustedCertificatePath),
    ];
}
