using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Balancer.Cluster.Tests;

/// <summary>
/// A throwaway certificate authority for the TLS tests: a self-signed CA certificate, written as PEM, and
/// the certificates it issues to processes, each written as a password-protected PKCS#12 file, all in a
/// temporary folder that is deleted on dispose. Keys are ECDSA P-256, quick to make.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    /// <summary>The password of every PKCS#12 file issued.</summary>
    public const string Password = "balancer-test";

    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2 _root;

    private readonly string _folder;

    public CertificateAuthority(string name)
    {
        _folder = Directory.CreateTempSubdirectory("balancer-tls-").FullName;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(
            new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        _root = request.CreateSelfSigned(now.AddMinutes(-10), now.AddDays(2));
        CertificatePath = Path.Combine(_folder, $"{name}.pem");
        File.WriteAllText(CertificatePath, _root.ExportCertificatePem());
    }

    /// <summary>The CA's certificate, a PEM file: what a process trusts.</summary>
    public string CertificatePath { get; }

    /// <summary>The folder the CA writes its files into, for a test's own files.</summary>
    public string Folder => _folder;

    /// <summary>
    /// Issues a certificate for <paramref name="name"/>, for server and client authentication, valid for a
    /// day, and returns its PKCS#12 file.
    /// </summary>
    public string Issue(string name) => WritePkcs12(name, Create(name));

    /// <summary>
    /// A certificate for <paramref name="name"/>, with its private key: valid from five minutes ago until
    /// <paramref name="notAfter"/> (a day from now by default), for client authentication and, unless
    /// <paramref name="clientOnly"/>, server authentication.
    /// </summary>
    public X509Certificate2 Create(string name, DateTimeOffset? notAfter = null, bool clientOnly = false)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            clientOnly ? [ClientAuthentication] : [ServerAuthentication, ClientAuthentication], false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(
            X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(
            _root, now.AddMinutes(-5), notAfter ?? now.AddDays(1), RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Writes <paramref name="certificate"/> and its key to a PKCS#12 file, under the password.</summary>
    public string WritePkcs12(string name, X509Certificate2 certificate)
    {
        var path = Path.Combine(_folder, $"{name}.pfx");
        File.WriteAllBytes(path, certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pbes2Aes256Sha256, Password));
        return path;
    }

    /// <summary>Writes <paramref name="certificate"/> and its unencrypted key to two PEM files.</summary>
    public (string Certificate, string Key) WritePem(string name, X509Certificate2 certificate)
    {
        var (certificatePath, keyPath) = (Path.Combine(_folder, $"{name}.crt"), Path.Combine(_folder, $"{name}.key"));
        using var key = certificate.GetECDsaPrivateKey()!;
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    /// <summary>
    /// The environment that turns TLS on for a process: the certificate issued to <paramref name="name"/>,
    /// trusting <paramref name="trusted"/> (this CA by default).
    /// </summary>
    public Dictionary<string, string?> Settings(string name, CertificateAuthority? trusted = null) => new()
    {
        ["Balancer__Tls__Enabled"] = "true",
        ["Balancer__Tls__CertificatePath"] = Issue(name),
        ["Balancer__Tls__CertificatePassword"] = Password,
        ["Balancer__Tls__TrustedCertificatePath"] = (trusted ?? this).CertificatePath,
    };

    public void Dispose()
    {
        _root.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
