namespace Scheduler.Domain.History;

/// <summary>The kinds of history file <see cref="HistoryReader"/> understands.</summary>
public enum HistoryFormat
{
    /// <summary>Our own interval CSV: one row per queue and interval (docs/formats/interval-csv.md).</summary>
    IntervalCsv,

    /// <summary>The Technion "Anonymous Bank" 1999 data: raw per-call files or the derived 15-minute aggregates, told apart by the header.</summary>
    AnonymousBank,

    /// <summary>The fpp3 <c>bank_calls</c> five-minute call counts (<c>rownames,DateTime,Calls</c>).</summary>
    BankCalls,
}
