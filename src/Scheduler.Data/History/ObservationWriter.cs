using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Scheduler.Data.Conversions;
using Scheduler.Data.Entities;
using Scheduler.Domain.History;

namespace Scheduler.Data.History;

/// <summary>
/// Bulk insert of observations: one prepared, parameterised INSERT reused for every row, on the context's own
/// connection and transaction.
/// </summary>
/// <remarks>
/// Change tracking 60,000 entities costs more than the inserts themselves. Table and column names come from the EF
/// model and are quoted by the provider, so the statement is the same portable SQL on SQLite and PostgreSQL.
/// </remarks>
internal static class ObservationWriter
{
    /// <summary>Rows written between cancellation checks.</summary>
    public const int BatchSize = 1000;

    private static readonly (string Property, DbType Type)[] Columns =
    [
        (nameof(IntervalObservationEntity.QueueId), DbType.String),
        (nameof(IntervalObservationEntity.Start), DbType.Int64),
        (nameof(IntervalObservationEntity.Length), DbType.Int64),
        (nameof(IntervalObservationEntity.Offered), DbType.Double),
        (nameof(IntervalObservationEntity.Answered), DbType.Double),
        (nameof(IntervalObservationEntity.Abandoned), DbType.Double),
        (nameof(IntervalObservationEntity.HandleSeconds), DbType.Double),
        (nameof(IntervalObservationEntity.WaitSeconds), DbType.Double),
        (nameof(IntervalObservationEntity.AnsweredWithinThreshold), DbType.Double),
        (nameof(IntervalObservationEntity.ImportId), DbType.Int64),
    ];

    public static async Task InsertAsync(SchedulerDbContext db, long importId, IReadOnlyList<IntervalObservation> observations, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction ?? throw new InvalidOperationException("Observations must be written inside a transaction.");
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = InsertSql(db);
        var p = new DbParameter[Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            p[c] = command.CreateParameter();
            p[c].ParameterName = $"p{c}";
            p[c].DbType = Columns[c].Type;
            command.Parameters.Add(p[c]);
        }

        await command.PrepareAsync(ct);
        for (var i = 0; i < observations.Count; i++)
        {
            if (i % BatchSize == 0) ct.ThrowIfCancellationRequested();
            var o = observations[i];
            p[0].Value = o.QueueId;
            p[1].Value = NodaTimeStorage.ToUnixMilliseconds(o.Start);
            p[2].Value = NodaTimeStorage.ToMilliseconds(o.Length);
            p[3].Value = o.Offered;
            p[4].Value = o.Answered;
            p[5].Value = o.Abandoned;
            p[6].Value = o.HandleSeconds;
            p[7].Value = o.WaitSeconds is { } wait ? wait : DBNull.Value;
            p[8].Value = o.AnsweredWithinThreshold is { } within ? within : DBNull.Value;
            p[9].Value = importId;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static string InsertSql(SchedulerDbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(IntervalObservationEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = Columns.Select(c => sql.DelimitIdentifier(entity.FindProperty(c.Property)!.GetColumnName(table)!));
        var values = Columns.Select((_, c) => sql.GenerateParameterNamePlaceholder($"p{c}"));
        return $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", values)})";
    }
}
