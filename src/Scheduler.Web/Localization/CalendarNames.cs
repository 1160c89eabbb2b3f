namespace Scheduler.Web.Localization;

/// <summary>
/// Day and month names in each language (CalendarNames.resx, CalendarNames.bn.resx). The app runs without ICU
/// (invariant globalization), so it carries these names itself rather than asking the operating system.
/// </summary>
public sealed class CalendarNames;
