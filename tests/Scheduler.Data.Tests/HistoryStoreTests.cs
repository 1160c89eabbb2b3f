using Microsoft.Data.Sqlite;
using NodaTime;
using Scheduler.Domain.History;
using static Scheduler.Data.Tests.TestDatabase;

namespace Scheduler.Data.Tests;

public sealed class HistoryStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Imported_observations_load_back_identical()
    {
        await using var database = await CreateAsync();
        var odd = new IntervalObservation("chat-cards-en", Monday + Duration.FromMilliseconds(123), Quarter, 3, 2, 1, 600.125, null, null);
        List<IntervalObservation> observations = [.. Intervals("voice-cards-bn", Monday, 200), .. Intervals("voice-loans-en", Monday, 50, offset: 0.5), odd];

        await database.Store.ImportAsync("week.csv", "generic-csv", observations, None);

        var expected = observations.OrderBy(o => o.QueueId, StringComparer.Ordinal).ThenBy(o => o.Start);
        Assert.Equal(expected, await database.LoadAllAsync());
    }

    [Fact]
    public async Task Load_reads_one_queue_over_a_half_open_range()
    {
        await using var database = await CreateAsync();
        var cards = Intervals("voice-cards-bn", Monday, 96);
        await database.Store.ImportAsync("day.csv", "generic-csv", [.. cards, .. Intervals("voice-loans-en", Monday, 96)], None);

        var loaded = await database.Store.LoadAsync("voice-cards-bn", Monday + (Quarter * 4), Monday + (Quarter * 8), None);

        Assert.Equal(cards.Skip(4).Take(4), loaded);
    }

    [Fact]
    public async Task Import_records_the_clock_instant_and_lists_newest_first()
    {
        await using var database = await CreateAsync();
        var firstAt = database.Clock.GetCurrentInstant();
        var first = await database.Store.ImportAsync("week1.csv", "generic-csv", Intervals("voice-cards-bn", Monday, 672), DateTimeZoneProviders.Tzdb["Asia/Dhaka"], None);
        database.Clock.Advance(Duration.FromHours(2));
        var second = await database.Store.ImportAsync("week2.csv", "genesys-csv", Intervals("voice-cards-bn", Monday + Duration.FromDays(7), 672), None);

        Assert.Equal(firstAt, first.ImportedAt);
        Assert.Equal(firstAt + Duration.FromHours(2), second.ImportedAt);
        var imports = await database.Store.ListImportsAsync(None);
        Assert.Equal([second.Id, first.Id], imports.Select(i => i.Id));
        var listed = imports[1];
        Assert.Equal(("week1.csv", "generic-csv", 672, 0), (listed.FileName, listed.Format, listed.RowCount, listed.ReplacedCount));
        Assert.Equal((firstAt, Quarter, "Asia/Dhaka"), (listed.ImportedAt, listed.IntervalLength, listed.Zone?.Id));
        Assert.Equal((Monday, Monday + Duration.FromDays(7)), (listed.From, listed.To));
        Assert.Equal(["voice-cards-bn"], listed.QueueIds);
        Assert.Null(imports[0].Zone);
    }

    [Fact]
    public async Task A_batch_with_one_negative_count_stores_nothing_and_names_line_and_field()
    {
        await using var database = await CreateAsync();
        await database.Store.ImportAsync("last-week.csv", "generic-csv", Intervals("voice-cards-bn", Monday, 96), None);
        var observations = Intervals("voice-cards-bn", Monday + Duration.FromDays(1), 96);
        observations[41] = observations[41] with { Offered = -3 };

        var error = await Assert.ThrowsAsync<ImportException>(() => database.Store.ImportAsync("week.csv", "generic-csv", observations, None));

        Assert.Equal([new ImportError("week.csv", 42, "Offered", "Value -3 is negative.")], error.Errors);
        Assert.Equal(96, await database.CountObservationsAsync());
        Assert.Equal(1, await database.CountImportsAsync());
    }

    [Fact]
    public async Task A_batch_that_repeats_a_queue_and_start_stores_nothing_and_reports_every_problem()
    {
        await using var database = await CreateAsync();
        var observations = Intervals("voice-cards-bn", Monday, 10);
        observations.Add(observations[2] with { Offered = 99 });
        observations[5] = observations[5] with { HandleSeconds = double.NaN, WaitSeconds = -1 };

        var error = await Assert.ThrowsAsync<ImportException>(() => database.Store.ImportAsync("dup.csv", "generic-csv", observations, None));

        Assert.Equal([(6, "HandleSeconds"), (6, "WaitSeconds"), (11, "Start")], error.Errors.Select(e => (e.Line, e.Field)));
        Assert.All(error.Errors, e => Assert.Equal("dup.csv", e.File));
        Assert.Contains("line 3", error.Errors[^1].Reason, StringComparison.Ordinal);
        Assert.Equal(0, await database.CountObservationsAsync());
        Assert.Equal(0, await database.CountImportsAsync());
    }

    [Fact]
    public async Task Mixed_lengths_sub_millisecond_starts_and_empty_batches_are_refused()
    {
        await using var database = await CreateAsync();
        var observations = Intervals("voice-cards-bn", Monday, 4);
        observations[1] = observations[1] with { Length = Duration.FromMinutes(30) };
        observations[2] = observations[2] with { Start = observations[2].Start + Duration.FromNanoseconds(500) };

        var error = await Assert.ThrowsAsync<ImportException>(() => database.Store.ImportAsync("odd.csv", "generic-csv", observations, None));
        var empty = await Assert.ThrowsAsync<ImportException>(() => database.Store.ImportAsync("empty.csv", "generic-csv", [], None));

        Assert.Equal([(2, "Length"), (3, "Start")], error.Errors.Select(e => (e.Line, e.Field)));
        Assert.Single(empty.Errors);
        Assert.Equal(0, await database.CountImportsAsync());
    }

    [Fact]
    public async Task Reimporting_an_overlapping_week_replaces_the_overlap_and_keeps_the_rest()
    {
        await using var database = await CreateAsync();
        var lastWeek = Intervals("voice-cards-bn", Monday, 672);
        var otherQueue = Intervals("voice-loans-en", Monday, 672);
        await database.Store.ImportAsync("week.csv", "generic-csv", [.. lastWeek, .. otherQueue], None);

        // The corrected report starts on Thursday and runs into the next week, with different numbers.
        var thursday = Monday + Duration.FromDays(3);
        var corrected = Intervals("voice-cards-bn", thursday, 672, offset: 100);
        var summary = await database.Store.ImportAsync("week-corrected.csv", "generic-csv", corrected, None);

        Assert.Equal(4 * 96, summary.ReplacedCount);
        var cards = await database.Store.LoadAsync("voice-cards-bn", Instant.MinValue, Instant.MaxValue, None);
        Assert.Equal([.. lastWeek.Take(3 * 96), .. corrected], cards);
        Assert.Equal(otherQueue, await database.Store.LoadAsync("voice-loans-en", Instant.MinValue, Instant.MaxValue, None));
    }

    [Fact]
    public async Task A_database_failure_mid_import_leaves_everything_as_it_was_including_replaced_rows()
    {
        await using var database = await CreateAsync();
        await database.Store.ImportAsync("week.csv", "generic-csv", Intervals("voice-cards-bn", Monday, 672), None);
        var before = await database.LoadAllAsync();
        var corrected = Intervals("voice-cards-bn", Monday + Duration.FromDays(3), 672, offset: 100);
        corrected[500] = corrected[500] with { Offered = 999_999 };
        await database.ExecuteAsync("""
            CREATE TEMP TRIGGER inject_failure BEFORE INSERT ON IntervalObservations
            WHEN NEW.Offered = 999999 BEGIN SELECT RAISE(ABORT, 'injected failure'); END;
            """);

        var error = await Assert.ThrowsAsync<SqliteException>(() => database.Store.ImportAsync("week-corrected.csv", "generic-csv", corrected, None));

        Assert.Contains("injected failure", error.Message, StringComparison.Ordinal);

        Assert.Equal(before, await database.LoadAllAsync());
        Assert.Equal(1, await database.CountImportsAsync());
    }

    [Fact]
    public async Task Cancelling_after_the_first_batch_leaves_the_database_unchanged()
    {
        await using var database = await CreateAsync();
        await database.Store.ImportAsync("week.csv", "generic-csv", Intervals("voice-cards-bn", Monday, 672), None);
        using var cts = new CancellationTokenSource();
        var inserted = 0;
        database.Connection.CreateFunction("count_insert", () =>
        {
            if (++inserted == 1000) cts.Cancel();
            return inserted;
        });
        await database.ExecuteAsync("CREATE TEMP TRIGGER count_inserts AFTER INSERT ON IntervalObservations BEGIN SELECT count_insert(); END;");
        var observations = Intervals("voice-loans-en", Monday, 5000);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => database.Store.ImportAsync("big.csv", "generic-csv", observations, cts.Token));

        Assert.Equal(1000, inserted);
        Assert.Equal(672, await database.CountObservationsAsync());
        Assert.Equal(1, await database.CountImportsAsync());
    }
}
