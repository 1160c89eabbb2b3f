using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Scheduler.Domain.History;

/// <summary>What became of a call in the Anonymous Bank data.</summary>
public enum AnonymousBankOutcome
{
    /// <summary>Served (the data's <c>AGENT</c>).</summary>
    Agent,

    /// <summary>The caller hung up, in the VRU or in the queue (<c>HANG</c>).</summary>
    Hang,

    /// <summary>A "virtual" call the data set says to ignore (<c>PHANTOM</c>).</summary>
    Phantom,
}

/// <summary>
/// One record of a raw Anonymous Bank 1999 file, with its clock times placed on dates (local time, Asia/Jerusalem in
/// the data): what the per-interval history cannot say, such as who served a call and when.
/// </summary>
/// <param name="VruEntry">When the call entered the VRU: the record's <c>date</c> and <c>vru_entry</c>.</param>
/// <param name="VruExit">When it left the VRU, reaching the queue or an agent (or hanging up): <c>date</c> and
/// <c>vru_exit</c> (no VRU stay crosses midnight, per the README).</param>
/// <param name="VruSeconds"><c>vru_time</c>; negative in a few records (clock skew).</param>
/// <param name="QueueStart">When it joined the queue; null when it never queued (<c>q_start</c> and <c>q_exit</c> both 0:00:00).</param>
/// <param name="QueueSeconds"><c>q_time</c>: the time in queue, 0 when not queued.</param>
/// <param name="ServiceStart">When an agent took it; null when nobody did (<c>ser_start</c> and <c>ser_exit</c> both 0:00:00).</param>
/// <param name="ServiceSeconds"><c>ser_time</c>: talk time (the data has no wrap-up).</param>
/// <param name="Server">The agent's name; null for <c>NO_SERVER</c>.</param>
public sealed record AnonymousBankCall(
    string VruLine,
    long CallId,
    string CustomerId,
    int Priority,
    string Type,
    LocalDate Date,
    LocalDateTime VruEntry,
    LocalDateTime VruExit,
    long VruSeconds,
    LocalDateTime? QueueStart,
    long QueueSeconds,
    AnonymousBankOutcome Outcome,
    LocalDateTime? ServiceStart,
    long ServiceSeconds,
    string? Server)
{
    /// <summary>The call waited in the queue (it may have waited 0 s there).</summary>
    public bool Queued => QueueStart is not null;

    /// <summary>Hung up while waiting in the queue: its wait is its patience.</summary>
    public bool AbandonedInQueue => Outcome == AnonymousBankOutcome.Hang && Queued;

    /// <summary>Hung up in the VRU, before reaching the queue: no agent could have answered it.</summary>
    public bool AbandonedAtVru => Outcome == AnonymousBankOutcome.Hang && !Queued;

    /// <summary>End of service: <see cref="ServiceStart"/> plus <see cref="ServiceSeconds"/> (service may run past midnight).</summary>
    public LocalDateTime? ServiceEnd => ServiceStart?.PlusSeconds(ServiceSeconds);
}

/// <summary>Reads a raw monthly Anonymous Bank file record by record (the interval reader is <see cref="HistoryReader"/>).</summary>
/// <remarks>
/// The same checks and repairs as the interval reader (it parses its lines with <see cref="Parse"/>): 17 tab-separated
/// fields, or 16 when the 4th holds priority and type separated by spaces; every field checked except
/// <c>customer_id</c>. Clock times after <c>vru_entry</c> (<c>q_start</c>, <c>ser_start</c>) are on the record's date
/// unless they are more than 12 hours earlier than <c>vru_entry</c>, in which case they fell after midnight and are on
/// the next day (a call entering the VRU at 23:59:54 that queued at 0:00:00). All or nothing: bad lines are collected
/// and thrown together in an <see cref="ImportException"/>.
/// </remarks>
public static class AnonymousBankCallReader
{
    private static readonly string[] Columns =
    [
        "vru+line", "call_id", "customer_id", "priority", "type", "date", "vru_entry", "vru_exit", "vru_time",
        "q_start", "q_exit", "q_time", "outcome", "ser_start", "ser_exit", "ser_time", "server",
    ];

    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("yyMMdd");
    private static readonly LocalTimePattern ClockPattern = LocalTimePattern.CreateWithInvariantCulture("H:mm:ss");
    private static readonly long HalfDayTicks = Duration.FromHours(12).BclCompatibleTicks;

    /// <summary>The call types of the data, in the order the interval reader numbers its queues.</summary>
    public static IReadOnlyList<string> CallTypes { get; } = ["PS", "PE", "IN", "NE", "NW", "TT", "AA"];

    /// <summary>The 17 column names of the header, in order.</summary>
    internal static IReadOnlyList<string> Header => Columns;

    /// <summary>Every record of the file at <paramref name="path"/>, phantoms included; errors name the file by its name only.</summary>
    public static IReadOnlyList<AnonymousBankCall> Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        return Read(reader, Path.GetFileName(path));
    }

    /// <summary>Every record read from <paramref name="reader"/>, phantoms included.</summary>
    public static IReadOnlyList<AnonymousBankCall> Read(TextReader reader, string fileName)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(fileName);
        var log = new ImportLog(fileName);
        var header = reader.ReadLine()?.TrimStart('\uFEFF');
        if (header is null || !header.TrimEnd().Split('\t').SequenceEqual(Columns))
        {
            log.Error(1, "header", $"expected the 17 tab-separated columns {string.Join(" ", Columns)}");
            log.ThrowIfAny();
        }

        var calls = new List<AnonymousBankCall>(40_000);
        var lines = new DataLines(reader, log);
        while (lines.Next() is { } line)
        {
            if (Parse(line, lines.LineNumber, log) is { } call) calls.Add(call);
        }

        log.ThrowIfAny();
        return calls;
    }

    /// <summary>One data line, or null with its errors logged.</summary>
    internal static AnonymousBankCall? Parse(string line, int lineNo, ImportLog log)
    {
        var f = line.TrimEnd('\r').Split('\t');
        if (f.Length == 16)
        {
            var parts = f[3].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length != 2)
            {
                log.Error(lineNo, "line", "has 16 tab-separated fields, expected 17; only a 'priority' field holding priority and type separated by spaces can be repaired");
                return null;
            }

            f = [.. f[..3], .. parts, .. f[4..]];
        }
        else if (f.Length != 17)
        {
            log.Error(lineNo, "line", $"has {f.Length} tab-separated fields, expected 17");
            return null;
        }

        var before = log.ErrorCount;
        if (f[0].Trim().Length == 0) log.Error(lineNo, "vru+line", "is empty");
        var callId = Number(f, 1, lineNo, log, allowNegative: false);
        if (f[2].Trim().Length == 0) log.Error(lineNo, "customer_id", "is empty; 0 marks an unidentified customer");
        if (f[3] is not ("0" or "1" or "2")) log.Error(lineNo, "priority", $"'{f[3]}' is not a priority (0, 1 or 2)");
        if (!CallTypes.Contains(f[4])) log.Error(lineNo, "type", $"'{f[4]}' is not a call type ({string.Join(", ", CallTypes)})");
        var date = DatePattern.Parse(f[5]);
        if (!date.Success) log.Error(lineNo, "date", $"'{f[5]}' is not a date in the form YYMMDD");
        var vruEntry = Clock(f, 6, lineNo, log);
        var vruExit = Clock(f, 7, lineNo, log);
        var vruTime = Number(f, 8, lineNo, log, allowNegative: true); // vru_time: negative in a few records (clock skew), per the README.
        var qStart = Clock(f, 9, lineNo, log);
        var qExit = Clock(f, 10, lineNo, log);
        var qTime = Number(f, 11, lineNo, log, allowNegative: false);
        var outcome = f[12] switch { "AGENT" => AnonymousBankOutcome.Agent, "HANG" => AnonymousBankOutcome.Hang, "PHANTOM" => AnonymousBankOutcome.Phantom, _ => (AnonymousBankOutcome?)null };
        if (outcome is null) log.Error(lineNo, "outcome", $"'{f[12]}' is not an outcome (AGENT, HANG or PHANTOM)");
        var serStart = Clock(f, 13, lineNo, log);
        var serExit = Clock(f, 14, lineNo, log);
        var serTime = Number(f, 15, lineNo, log, allowNegative: false);
        var server = f[16].Trim();
        if (server.Length == 0) log.Error(lineNo, "server", "is empty; NO_SERVER marks a call nobody served");
        if (log.ErrorCount != before) return null;

        var day = date.Value;
        var entry = vruEntry!.Value;
        return new AnonymousBankCall(
            f[0], callId!.Value, f[2], int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), f[4], day,
            day + entry, day + vruExit!.Value, vruTime!.Value,
            qStart == LocalTime.Midnight && qExit == LocalTime.Midnight ? null : After(day, entry, qStart!.Value), qTime!.Value,
            outcome!.Value,
            serStart == LocalTime.Midnight && serExit == LocalTime.Midnight ? null : After(day, entry, serStart!.Value), serTime!.Value,
            server == "NO_SERVER" ? null : server);
    }

    /// <summary>A clock time later in the call than <paramref name="entry"/>: the next day when it is more than 12 hours earlier on the clock.</summary>
    private static LocalDateTime After(LocalDate date, LocalTime entry, LocalTime clock) =>
        entry.TickOfDay - clock.TickOfDay > HalfDayTicks ? date.PlusDays(1) + clock : date + clock;

    private static long? Number(string[] f, int i, int lineNo, ImportLog log, bool allowNegative)
    {
        string? error;
        var value = allowNegative ? FieldParser.Whole(f[i], out error) : FieldParser.WholeAtLeastZero(f[i], out error);
        if (value is null) log.Error(lineNo, Columns[i], error!);
        return value;
    }

    private static LocalTime? Clock(string[] f, int i, int lineNo, ImportLog log)
    {
        var parsed = ClockPattern.Parse(f[i]);
        if (parsed.Success) return parsed.Value;
        log.Error(lineNo, Columns[i], $"'{f[i]}' is not a clock time in the form H:MM:SS");
        return null;
    }
}
