namespace Balancer.Capacity;

/// <summary>
/// The human replies a sequence's sends make, as the look-ahead charges them: its human replies
/// over its sends since it began sending. A rolling window will not do, because sends leave it
/// before their replies do, so after a burst of sends the ratio runs several times too high for
/// hours. Replies also come hours after their sends, so a sequence that has just started has
/// counted its sends and not yet their replies: until it has sent for
/// <see cref="CadenceOptions.OwnFigureAfter"/> its own figure is too low to trust, and the larger
/// of it and a prior is used.
/// </summary>
public static class HumanWork
{
    /// <param name="humanReplies">The sequence's human replies since it began sending.</param>
    /// <param name="sends">Its sends since it began.</param>
    /// <param name="sendingFor">Since its first send.</param>
    /// <param name="prior">
    /// What the tenant's sequences that have sent that long need of humans per send; null when none
    /// has, and then <see cref="CadenceOptions.AssumedHumanRepliesPerSend"/> stands in.
    /// </param>
    /// <param name="minimumSample">The fewest sends for which the sequence's own figure counts at all.</param>
    public static double RepliesPerSend(
        long humanReplies, long sends, TimeSpan sendingFor, double? prior, int minimumSample, CadenceOptions options)
    {
        var own = Ratio.Of(humanReplies, sends, minimumSample);
        if (own is { } mature && sendingFor >= options.OwnFigureAfter)
        {
            return mature;
        }

        return Math.Max(own ?? 0, prior ?? options.AssumedHumanRepliesPerSend);
    }
}
