using NodaTime;
using Scheduler.Domain.Staffing;

namespace Scheduler.Domain.Tests.Staffing;

public class ShrinkageAndPatienceTests
{
    [Theory]
    [InlineData(10, 0.5, 20)] // 10 / 0.5 is exactly 20 and must not round up to 21
    [InlineData(7, 0.3, 10)] // 7 / 0.7 is 10.000000000000002 in floating point
    [InlineData(14, 0.3, 20)] // the textbook example: 14 on the phones, 30 % shrinkage
    [InlineData(11, 0.3, 16)] // 15.71 rounds up
    [InlineData(0, 0.35, 0)] // nobody needed, nobody scheduled
    [InlineData(5, 0.0, 5)] // no shrinkage
    public void Scheduled_OnPhones_RoundsUpAfterShrinkage(int onPhones, double shrinkage, int expected)
    {
        Assert.Equal(expected, Shrinkage.Of(shrinkage).Scheduled(onPhones));
    }

    [Fact]
    public void Total_Components_AddUp()
    {
        var shrinkage = new Shrinkage(breaks: 0.1, training: 0.05, absence: 0.15);

        Assert.Equal(0.3, shrinkage.Total, 12);
        Assert.Equal(13, shrinkage.Scheduled(9)); // 9 / 0.7 = 12.86
    }

    [Fact]
    public void Default_IsNoShrinkage()
    {
        Assert.Equal(0, Shrinkage.None.Total);
        Assert.Equal(12, default(Shrinkage).Scheduled(12));
    }

    [Theory]
    [InlineData(-0.1, 0, 0, "breaks")] // negative breaks
    [InlineData(0, 1.0, 0, "training")] // a whole day of training
    [InlineData(0, 0, double.NaN, "absence")] // NaN absence
    [InlineData(0.5, 0.3, 0.2, "absence")] // sums to exactly 1: nobody would ever be on the phones
    public void Constructor_BadComponents_ThrowsNamingOne(double breaks, double training, double absence, string name)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => new Shrinkage(breaks, training, absence));

        Assert.Equal(name, ex.ParamName);
    }

    [Fact]
    public void FromHistory_AbandonmentsAndWaits_MeanPatienceIsWaitPerAbandonment()
    {
        // 12 abandonments among queued calls that waited 3,600 s in total: θ = 12 / 3600 per second.
        Assert.Equal(Duration.FromSeconds(300), PatienceEstimate.FromHistory(12, 3600));
    }

    [Fact]
    public void FromHistory_NoAbandonments_IsInfinitePatience()
    {
        Assert.Null(PatienceEstimate.FromHistory(0, 5000));
    }

    [Theory]
    [InlineData(-1, 100, "abandonedCalls")] // negative count
    [InlineData(3, double.NaN, "totalWaitSecondsOfAllQueuedCalls")] // missing wait data
    [InlineData(3, 0, "totalWaitSecondsOfAllQueuedCalls")] // abandonments without waiting is inconsistent
    public void FromHistory_BadHistory_ThrowsNamingIt(double abandoned, double wait, string name)
    {
        var ex = Assert.ThrowsAny<ArgumentException>(() => PatienceEstimate.FromHistory(abandoned, wait));

        Assert.Equal(name, ex.ParamName);
    }
}
