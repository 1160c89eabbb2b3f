namespace Scheduler.Web.Localization;

/// <summary>Strings many pages share (the menu, the app bar, Save and Cancel): Common.resx and Common.bn.resx.</summary>
public sealed class Common;
