namespace FlashSales.Bench.Load;

/// <summary>Closed-loop virtual users: <see cref="Start"/> at first, <see cref="Step"/> more every <see cref="Every"/>, at most <see
/// cref="Max"/>.</summary>
public sealed record RampPlan(int Start, int Step, TimeSpan Every, int Max, TimeSpan Duration)
{
    public int UsersAt(TimeSpan elapsed) => Math.Min(Max, Start + Step * (int)(elapsed / Every));

    public override string ToString() =>
        Start == Max ? $"{Max} virtual users for {Duration.TotalSeconds:0} s"
            : $"virtual users {Start} → {Max} (+{Step} every {Every.TotalSeconds:0} s), {Duration.TotalSeconds:0} s";
}
