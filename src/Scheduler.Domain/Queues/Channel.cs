namespace Scheduler.Domain.Queues;

/// <summary>How contacts reach the centre. The channel decides which staffing model applies.</summary>
public enum Channel
{
    /// <summary>Phone calls: one agent, one call; Erlang C, or Erlang A when callers abandon.</summary>
    Voice,

    /// <summary>Live chat: one agent holds several chats at once.</summary>
    Chat,

    /// <summary>Email and social messages: deferred work answered within a deadline.</summary>
    Email,
}
