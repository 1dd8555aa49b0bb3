using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Orleans.Connections.Security;
using OrleansTlsOptions = Orleans.Connections.Security.TlsOptions;

namespace Balancer.Hosting;

/// <summary>
/// What <see cref="TlsOptions"/> name, opened: this process's certificate and the check of the other side's.
/// Read once at start-up, so that a missing file, a wrong password or an unusable certificate stops the
/// process with the option at fault rather than failing every connection later.
/// </summary>
internal sealed class TlsCredentials(X509Certificate2 certificate, RemoteCertificateCheck check)
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";

    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>This process's certificate, with its private key.</summary>
    public X509Certificate2 Certificate => certificate;

    public RemoteCertificateCheck Check => check;

    /// <summary>
    /// Opens the certificates of enabled, valid <paramref name="options"/>. A silo's own certificate must allow
    /// server and client authentication, since it accepts connections and opens them; a client's, client
    /// authentication only.
    /// </summary>
    /// <returns>The credentials, or the problems, each naming its option.</returns>
    public static (TlsCredentials? Credentials, IReadOnlyList<string> Problems) Read(TlsOptions options, bool silo)
    {
        var problems = new List<string>();
        var own = ReadOwn(options, problems);
        var trusted = ReadTrusted(options, problems);
        if (own is null || trusted is null)
        {
            return (null, problems);
        }

        var key = TlsOptions.Key(own.Value.Option);
        var certificate = own.Value.Certificate;
        if (!certificate.HasPrivateKey)
        {
            problems.Add($"{key}: the certificate '{certificate.Subject}' comes without its private key.");
        }

        var now = DateTime.Now;
        if (now < certificate.NotBefore || now > certificate.NotAfter)
        {
            problems.Add($"{key}: the certificate '{certificate.Subject}' is " +
                $"{RemoteCertificateCheck.NotValidNow(certificate)}.");
        }

        if (!AllowedFor(certificate, ClientAuthentication) || (silo && !AllowedFor(certificate, ServerAuthentication)))
        {
            problems.Add(silo
                ? $"{key}: the certificate '{certificate.Subject}' must allow server and client authentication " +
                    $"(extended key usages {ServerAuthentication} and {ClientAuthentication}): a silo accepts " +
                    "connections and opens them."
                : $"{key}: the certificate '{certificate.Subject}' must allow client authentication " +
                    $"(extended key usage {ClientAuthentication}).");
        }

        var thumbprints = options.AllowedThumbprints.Select(TlsOptions.Normalize).ToList();
        return problems.Count == 0
            ? (new TlsCredentials(certificate, new RemoteCertificateCheck(trusted, thumbprints)), problems)
            : (null, problems);
    }

    /// <summary>
    /// Sets Orleans' options for mutual TLS: this certificate presented on every connection, a certificate
    /// required from the other side of every one, and accepted only by <see cref="Check"/>.
    /// </summary>
    public void ApplyTo(OrleansTlsOptions orleans)
    {
        ArgumentNullException.ThrowIfNull(orleans);
        orleans.LocalCertificate = certificate;
        orleans.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        orleans.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        orleans.RemoteCertificateValidation = check.Validate;
    }

    private static (X509Certificate2 Certificate, string Option)? ReadOwn(TlsOptions options, List<string> problems)
    {
        var pkcs12 = !string.IsNullOrWhiteSpace(options.CertificatePath);
        var option = pkcs12 ? nameof(TlsOptions.CertificatePath) : nameof(TlsOptions.CertificatePemPath);
        try
        {
            var certificate = pkcs12
                ? X509CertificateLoader.LoadPkcs12FromFile(options.CertificatePath!, options.CertificatePassword)
                : string.IsNullOrEmpty(options.CertificatePassword)
                    ? X509Certificate2.CreateFromPemFile(options.CertificatePemPath!, options.KeyPemPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(
                        options.CertificatePemPath!, options.CertificatePassword, options.KeyPemPath);
            return (certificate, option);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException or IOException)
        {
            problems.Add(pkcs12
                ? $"{TlsOptions.Key(option)}: '{options.CertificatePath}' could not be opened with " +
                    $"{nameof(TlsOptions.CertificatePassword)}: a wrong password, or not a PKCS#12 file."
                : $"{TlsOptions.Key(option)}: '{options.CertificatePemPath}' and {nameof(TlsOptions.KeyPemPath)} " +
                    $"'{options.KeyPemPath}' are not a PEM certificate and its private key" +
                    (string.IsNullOrEmpty(options.CertificatePassword)
                        ? "."
                        : $", or {nameof(TlsOptions.CertificatePassword)} does not decrypt the key."));
            return null;
        }
    }

    private static X509Certificate2Collection? ReadTrusted(TlsOptions options, List<string> problems)
    {
        var trusted = new X509Certificate2Collection();
        var path = options.TrustedCertificatePath;
        if (string.IsNullOrWhiteSpace(path))
        {
            return trusted;
        }

        try
        {
            trusted.ImportFromPemFile(path);
            if (trusted.Count == 0)
            {
                trusted.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }

            return trusted;
        }
        catch (Exception e) when (e is CryptographicException or IOException)
        {
            problems.Add($"{TlsOptions.Key(nameof(TlsOptions.TrustedCertificatePath))}: '{path}' holds no " +
                "certificate, PEM or DER.");
            return null;
        }
    }

    /// <summary>
    /// Whether the certificate may serve <paramref name="usage"/>: it names it among its extended key usages,
    /// or has none, which allows every use.
    /// </summary>
    private static bool AllowedFor(X509Certificate2 certificate, string usage)
    {
        var extensions = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        return extensions.Count == 0
            || extensions.Any(e => e.EnhancedKeyUsages.Cast<Oid>().Any(o => o.Value == usage));
    }
}
