namespace Scheduler.Web.Tests;

public sealed class RecentCacheTests
{
    [Fact]
    public async Task GetAsync_concurrent_requests_for_one_key_share_one_build()
    {
        var cache = new RecentCache<int, string>(capacity: 4);
        var builds = 0;
        var gate = new TaskCompletionSource();
        async Task<string> Build()
        {
            Interlocked.Increment(ref builds);
            await gate.Task;
            return "model";
        }

        var waiting = Enumerable.Range(0, 20).Select(_ => cache.GetAsync(1, Build, default)).ToList();
        gate.SetResult();

        Assert.All(await Task.WhenAll(waiting), m => Assert.Equal("model", m));
        Assert.Equal(1, builds);
    }

    [Fact]
    public async Task GetAsync_a_new_key_builds_again_and_the_least_recent_falls_off()
    {
        var cache = new RecentCache<int, string>(capacity: 2);
        var builds = 0;
        Task<string> Build(int key) => Task.FromResult($"{key}:{Interlocked.Increment(ref builds)}");

        Assert.Equal("1:1", await cache.GetAsync(1, () => Build(1), default));
        Assert.Equal("2:2", await cache.GetAsync(2, () => Build(2), default));
        Assert.Equal("1:1", await cache.GetAsync(1, () => Build(1), default)); // 1 is now the most recent
        Assert.Equal("3:3", await cache.GetAsync(3, () => Build(3), default)); // 2 falls off
        Assert.Equal("1:1", await cache.GetAsync(1, () => Build(1), default));
        Assert.Equal("2:4", await cache.GetAsync(2, () => Build(2), default));
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public async Task GetAsync_a_failed_build_is_forgotten_so_the_next_request_tries_again()
    {
        var cache = new RecentCache<int, string>(capacity: 2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync(1, () => throw new InvalidOperationException("no history yet"), default));

        Assert.Equal(0, cache.Count);
        Assert.Equal("built", await cache.GetAsync(1, () => Task.FromResult("built"), default));
    }

    [Fact]
    public async Task GetAsync_when_disabled_builds_every_time()
    {
        var cache = new RecentCache<int, string>(capacity: 2, enabled: false);
        var builds = 0;

        await cache.GetAsync(1, () => Task.FromResult($"{Interlocked.Increment(ref builds)}"), default);
        await cache.GetAsync(1, () => Task.FromResult($"{Interlocked.Increment(ref builds)}"), default);

        Assert.Equal(2, builds);
        Assert.Equal(0, cache.Count);
    }
}
