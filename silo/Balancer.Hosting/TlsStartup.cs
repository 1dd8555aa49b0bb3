using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Balancer.Hosting;

/// <summary>
/// Says which certificate the process presents and what it accepts, and gives the remote certificate check
/// the host's logger for its refusals. Registered before Orleans' hosted service, so before any connection.
/// </summary>
internal sealed class TlsStartup(TlsCredentials credentials, string role, ILogger<TlsStartup> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var certificate = credentials.Certificate;
        var check = credentials.Check;
        check.Logger = logger;
        var connections = role == "silo" ? "silo-to-silo and gateway connections" : "connections to the gateways";
        logger.LogInformationTls(
            role,
            connections,
            certificate.Subject,
            RemoteCertificateCheck.Thumbprint(certificate),
            certificate.NotAfter.ToUniversalTime(),
            check.Rule);
        if (check.Refusal(certificate) is { } reason)
        {
            logger.LogWarningOwnCertificateRefused(certificate.Subject, reason);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
