namespace Balancer.Grains;

/// <summary>Writes a grain's state so that memory never holds what storage does not.</summary>
internal static class StateWrites
{
    /// <summary>
    /// Writes the state; if the write fails, runs <paramref name="undo"/> before rethrowing. The providers keep a
    /// change made to the state in memory when its write fails, so without the undo the change would be in
    /// effect, unstored, and a retry would apply it twice.
    /// </summary>
    public static async Task WriteOrUndo<T>(this IPersistentState<T> state, Action undo)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            undo();
            throw;
        }
    }
}
