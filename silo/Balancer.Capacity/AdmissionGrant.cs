namespace Balancer.Capacity;

/// <summary>Send admission's answer to one request.</summary>
/// <param name="Granted">How many of the requested sends may go now, from 0 to the count asked.</param>
/// <param name="RetryAfter">
/// When to ask again for the rest; null when everything asked was granted. The deferred sends stay
/// the sender's: admission never drops a send, it only defers it.
/// </param>
/// <param name="Grade">The grade the sequence was under when it answered.</param>
/// <param name="Reason">Why, in words, for logs and the live views.</param>
public sealed record AdmissionGrant(int Granted, TimeSpan? RetryAfter, Grade Grade, string Reason);
