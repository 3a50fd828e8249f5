namespace FlashSales.AppHost.Infrastructure;

/// <summary>
/// How a backing service runs as a local process instead of its container, in the shape of Aspire's RunAsContainer /
/// RunAsEmulator: the container resource leaves the model and the process takes its name; the container resource then
/// hands its connection string and endpoint on to the process, so every reference to it still resolves, and whoever
/// waits for the container waits for the process. Each RunAs… modifier does nothing when publishing: the manifest
/// always describes the containers.
/// </summary>
internal static class LocalProcess
{
    public static IResourceBuilder<TProcess> Replace<TProcess>(IResourceBuilder<ContainerResource> container, TProcess process)
        where TProcess : IResource
    {
        var builder = container.ApplicationBuilder;
        builder.Resources.Remove(container.Resource);
        var replacement = builder.AddResource(process);
        // What the dashboard and the waiting resources use: health and commands go with the name.
        foreach (var annotation in container.Resource.Annotations.Where(a => a is HealthCheckAnnotation or ResourceCommandAnnotation).ToList())
        {
            process.Annotations.Add(annotation);
        }

        // Waits are declared after this (WaitFor on the container, or on one of its databases, whose parent it is), and
        // Aspire follows a wait to the instances it started: the process's, never the removed container's.
        builder.Eventing.Subscribe<BeforeStartEvent>((e, _) =>
        {
            foreach (var resource in e.Model.Resources)
            {
                foreach (var wait in resource.Annotations.OfType<WaitAnnotation>().Where(w => ReferenceEquals(w.Resource,
                    container.Resource)).ToList())
                {
                    resource.Annotations.Remove(wait);
                    resource.Annotations.Add(new WaitAnnotation(process, wait.WaitType, wait.ExitCode) { WaitBehavior = wait.WaitBehavior });
                }
            }
            return Task.CompletedTask;
        });
        return replacement;
    }
}
