namespace Scheduler.Data.History;

/// <summary>The state of the stored history: imports so far, the latest import's id, and how many were rolled back.</summary>
public readonly record struct HistoryVersion(int Imports, long LatestImportId, int RolledBack);
