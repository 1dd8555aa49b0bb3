namespace Balancer.Storage;

/// <summary>
/// The journal's storage, PostgreSQL, could not be reached, refused the command or did not answer in time, so
/// the operation did not complete. The api answers it as unavailable, so the client retries the batch later;
/// the inner exception, when there is one, is the failure the storage reported.
/// </summary>
public sealed class JournalUnavailableException : Exception
{
    private const string Prefix = "The journal's storage (PostgreSQL) is unavailable";

    /// <summary>The storage is unavailable, for no reason given.</summary>
    public JournalUnavailableException()
        : base(Prefix + ".")
    {
    }

    /// <summary>The storage is unavailable, as <paramref name="message"/> says in full.</summary>
    public JournalUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>
    /// The storage is unavailable, as <paramref name="message"/> says in full, because of <paramref name="inner"/>.
    /// </summary>
    public JournalUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>
    /// The storage is unavailable because of <paramref name="reason"/>, a few words on what failed or how long
    /// went by without an answer; the message says so, naming PostgreSQL. <paramref name="inner"/> is the
    /// storage's own failure, if any.
    /// </summary>
    internal static JournalUnavailableException Because(string reason, Exception? inner) =>
        inner is null ? new($"{Prefix}: {reason}") : new($"{Prefix}: {reason}", inner);
}
