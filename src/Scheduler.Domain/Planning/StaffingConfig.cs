using System.Text.Json;
using NodaTime;
using Scheduler.Domain.History;
using Scheduler.Domain.Queues;
using Scheduler.Domain.Sites;
using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Planning;

/// <summary>A queue with the policy it is staffed to.</summary>
public sealed record StaffedQueue(ContactQueue Queue, StaffingPolicy Policy);

/// <summary>
/// The staffing configuration a supervisor writes: the site and, per queue, channel, skill, language, target and
/// the allowances around the model (docs/formats/staffing-config.md).
/// </summary>
/// <remarks>Errors name the file and the JSON path of the bad value (<c>$.queues[1].target.serviceLevel</c>); a file
/// with any error is refused whole.</remarks>
public sealed record StaffingConfig(Site Site, IReadOnlyList<StaffedQueue> Queues)
{
    public StaffedQueue? Find(string queueId) => Queues.FirstOrDefault(q => q.Queue.Id == queueId);

    public static StaffingConfig Load(string path) => Parse(File.ReadAllText(path), Path.GetFileName(path));

    public static StaffingConfig Parse(string json, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new ImportException([new ImportError(fileName, (int)(e.LineNumber ?? 0) + 1, e.Path ?? "$", $"not valid JSON: {e.Message}")]);
        }

        using (document)
        {
            var reader = new ConfigReader(fileName);
            var config = reader.Read(document.RootElement);
            if (reader.Errors.Count > 0 || config is null)
            {
                throw new ImportException(reader.Errors);
            }

            return config;
        }
    }

    private sealed class ConfigReader(string fileName)
    {
        public List<ImportError> Errors { get; } = [];

        public StaffingConfig? Read(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Fail<StaffingConfig>("$", "the file must hold one JSON object");
            }

            var siteElement = Required(root, "$", "site", JsonValueKind.Object);
            Site? site = null;
            if (siteElement is { } s)
            {
                var name = String(s, "$.site", "name") ?? "site";
                var zoneId = String(s, "$.site", "zone");
                var zone = zoneId is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
                if (zoneId is not null && zone is null)
                {
                    Fail<object>("$.site.zone", $"'{zoneId}' is not an IANA time zone id such as Asia/Dhaka");
                }

                site = zone is null ? null : new Site(String(s, "$.site", "id") ?? name, name, zone);
            }

            var queues = new List<StaffedQueue>();
            if (Required(root, "$", "queues", JsonValueKind.Array) is { } array)
            {
                var index = 0;
                foreach (var element in array.EnumerateArray())
                {
                    var queue = Queue(element, $"$.queues[{index++}]");
                    if (queue is not null)
                    {
                        if (queues.Any(q => q.Queue.Id == queue.Queue.Id))
                        {
                            Fail<object>($"$.queues[{index - 1}].id", $"queue '{queue.Queue.Id}' is listed twice");
                        }

                        queues.Add(queue);
                    }
                }
            }

            return site is null ? null : new StaffingConfig(site, queues);
        }

        private StaffedQueue? Queue(JsonElement e, string path)
        {
            var errorsBefore = Errors.Count;
            var id = String(e, path, "id");
            var channelText = String(e, path, "channel");
            Channel channel = default;
            if (channelText is not null && !Enum.TryParse(channelText, ignoreCase: true, out channel))
            {
                Fail<object>($"{path}.channel", $"'{channelText}' is not voice, chat or email");
            }

            var skill = String(e, path, "skill", required: false) ?? id ?? string.Empty;
            var language = String(e, path, "language", required: false) ?? string.Empty;
            var target = Target(e, path);
            var patience = Number(e, path, "patienceSeconds", 1, 86_400);
            var maxOccupancy = Number(e, path, "maxOccupancy", 0.01, 1);
            var shrinkage = Shrinkage.None;
            if (e.TryGetProperty("shrinkage", out var sh))
            {
                var breaks = Number(sh, $"{path}.shrinkage", "breaks", 0, 0.95) ?? 0;
                var training = Number(sh, $"{path}.shrinkage", "training", 0, 0.95) ?? 0;
                var absence = Number(sh, $"{path}.shrinkage", "absence", 0, 0.95) ?? 0;
                if (breaks + training + absence >= 0.95)
                {
                    Fail<object>($"{path}.shrinkage", "breaks + training + absence must stay below 0.95");
                }
                else
                {
                    shrinkage = new Shrinkage(breaks, training, absence);
                }
            }

            ConcurrencyCurve? curve = null;
            if (e.TryGetProperty("concurrency", out var c))
            {
                try
                {
                    curve = new ConcurrencyCurve(c.EnumerateArray().Select(x => x.GetDouble()));
                }
                catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
                {
                    Fail<object>($"{path}.concurrency", $"must be a list of handle-time multipliers, each at least 1 and not decreasing, such as [1.0, 1.25, 1.6] ({ex.Message.Split(Environment.NewLine)[0]})");
                }
            }

            if (Errors.Count > errorsBefore || id is null || target is null)
            {
                return null;
            }

            if (channel == Channel.Email && target is not ServiceTarget.ResponseWithin)
            {
                return Fail<StaffedQueue>($"{path}.target", "an email queue needs a responseHours target");
            }

            if (channel != Channel.Email && target is ServiceTarget.ResponseWithin)
            {
                return Fail<StaffedQueue>($"{path}.target", "responseHours is for email queues; use serviceLevel, asaSeconds or maxAbandonment");
            }

            if (target is ServiceTarget.MaximumAbandonment && patience is null)
            {
                return Fail<StaffedQueue>($"{path}.patienceSeconds", "a maxAbandonment target needs the callers' mean patience");
            }

            var policy = new StaffingPolicy(channel, target)
            {
                MaxOccupancy = maxOccupancy,
                Shrinkage = shrinkage,
                MeanPatience = patience is { } p ? Duration.FromSeconds(p) : null,
                Concurrency = curve,
            };
            return new StaffedQueue(new ContactQueue(id, channel, skill, language, target), policy);
        }

        private ServiceTarget? Target(JsonElement e, string path)
        {
            if (Required(e, path, "target", JsonValueKind.Object) is not { } t)
            {
                return null;
            }

            path += ".target";
            if (t.TryGetProperty("serviceLevel", out _))
            {
                var sl = Number(t, path, "serviceLevel", 0.01, 0.999, required: true);
                var threshold = Number(t, path, "thresholdSeconds", 0, 86_400, required: true);
                return sl is null || threshold is null ? null : new ServiceTarget.ServiceLevel(sl.Value, Duration.FromSeconds(threshold.Value));
            }

            if (t.TryGetProperty("asaSeconds", out _))
            {
                return Number(t, path, "asaSeconds", 0, 86_400, required: true) is { } asa ? new ServiceTarget.AverageSpeedOfAnswer(Duration.FromSeconds(asa)) : null;
            }

            if (t.TryGetProperty("maxAbandonment", out _))
            {
                return Number(t, path, "maxAbandonment", 0.001, 0.999, required: true) is { } ab ? new ServiceTarget.MaximumAbandonment(ab) : null;
            }

            if (t.TryGetProperty("responseHours", out _))
            {
                return Number(t, path, "responseHours", 0.25, 24 * 14, required: true) is { } h ? new ServiceTarget.ResponseWithin(Duration.FromSeconds(Math.Round(h * 3600))) : null;
            }

            return Fail<ServiceTarget>(path, "give one of serviceLevel + thresholdSeconds, asaSeconds, maxAbandonment, responseHours");
        }

        private JsonElement? Required(JsonElement e, string path, string name, JsonValueKind kind)
        {
            if (!e.TryGetProperty(name, out var value))
            {
                return Fail<JsonElement?>($"{path}.{name}", "is missing");
            }

            return value.ValueKind == kind ? value : Fail<JsonElement?>($"{path}.{name}", $"must be a JSON {kind.ToString().ToLowerInvariant()}");
        }

        private string? String(JsonElement e, string path, string name, bool required = true)
        {
            if (!e.TryGetProperty(name, out var value))
            {
                return required ? Fail<string>($"{path}.{name}", "is missing") : null;
            }

            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                return Fail<string>($"{path}.{name}", "must be a non-empty string");
            }

            return value.GetString()!.Trim();
        }

        private double? Number(JsonElement e, string path, string name, double min, double max, bool required = false)
        {
            if (!e.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return required ? Fail<double?>($"{path}.{name}", "is missing") : null;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number))
            {
                return Fail<double?>($"{path}.{name}", $"must be a number, not {value.GetRawText()}");
            }

            return number >= min && number <= max ? number : Fail<double?>($"{path}.{name}", $"{number} is outside {min}..{max}");
        }

        private T? Fail<T>(string path, string reason)
        {
            Errors.Add(new ImportError(fileName, 0, path, reason));
            return default;
        }
    }
}
