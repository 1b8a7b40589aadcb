package io.streamrecorder.suspension;

import io.streamrecorder.publishing.Drain;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.jboss.as.server.CurrentServiceContainer;
import org.jboss.as.server.suspend.ServerResumeContext;
import org.jboss.as.server.suspend.ServerSuspendContext;
import org.jboss.as.server.suspend.SuspendableActivity;
import org.jboss.as.server.suspend.SuspendableActivityRegistry;
import org.jboss.msc.Service;
import org.jboss.msc.service.ServiceBuilder;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.jboss.msc.service.StartContext;
import org.jboss.msc.service.StopContext;

/**
 * The drain as one of WildFly's suspendable activities. WildFly suspends in two phases: every
 * activity's prepare, then every activity's suspend, and only in the second does its request
 * controller start answering 503. The drain is the prepare of the first priority group, so while it
 * lasts the server still takes requests: a draining node refuses new publishes itself (with a
 * reason a client can act on) and its live WHIP sessions can still be stopped. Loaded only where
 * WildFly's classes are ({@link ServerSuspension}).
 */
final class WildFlySuspendActivity implements SuspendableActivity {

    /** The name WildFly's suspend controller is installed under (SuspensionStateProvider's descriptor). */
    private static final ServiceName SUSPEND_CONTROLLER = ServiceName.parse("org.wildfly.server.suspend-controller");

    private final Drain drain;

    private WildFlySuspendActivity(Drain drain) {
        this.drain = drain;
    }

    /**
     * Registers a drain with the server's suspend controller, from a service of our own that requires
     * it: the controller's value can only be had that way. Running the returned action undoes it.
     */
    static Runnable register(Drain drain) {
        ServiceBuilder<?> builder = CurrentServiceContainer.getServiceContainer().addService();
        Supplier<SuspendableActivityRegistry> registry = builder.requires(SUSPEND_CONTROLLER);
        WildFlySuspendActivity activity = new WildFlySuspendActivity(drain);
        builder.setInstance(new Service() {
            @Override
            public void start(StartContext context) {
                registry.get().registerActivity(activity, SuspendableActivityRegistry.SuspendPriority.FIRST);
            }

            @Override
            public void stop(StopContext context) {
                registry.get().unregisterActivity(activity);
            }
        });
        ServiceController<?> registration = builder.install();
        return () -> registration.setMode(ServiceController.Mode.REMOVE);
    }

    @Override
    public CompletionStage<Void> prepare(ServerSuspendContext context) {
        return drain.start();
    }

    @Override
    public CompletionStage<Void> suspend(ServerSuspendContext context) {
        return COMPLETED;
    }

    @Override
    public CompletionStage<Void> resume(ServerResumeContext context) {
        drain.resume();
        return COMPLETED;
    }
}
