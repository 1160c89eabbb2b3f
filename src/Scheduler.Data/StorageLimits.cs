namespace Scheduler.Data;

/// <summary>Column lengths. SQLite ignores them; PostgreSQL enforces them, so the store checks them first.</summary>
public static class StorageLimits
{
    public const int IdLength = 64;
    public const int NameLength = 200;
    public const int ZoneIdLength = 64;
    public const int FileNameLength = 400;
    public const int FormatLength = 32;
}
