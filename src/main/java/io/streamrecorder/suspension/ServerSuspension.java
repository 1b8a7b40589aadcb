package io.streamrecorder.suspension;

import io.streamrecorder.publishing.Drain;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ties the drain to the application server's suspend: on WildFly, {@code :suspend}, {@code shutdown}
 * with a suspend timeout and SIGTERM drain the node and {@code :resume} ends the drain. Payara has no
 * suspend; there the drain has no trigger.
 */
@ApplicationScoped
public class ServerSuspension {

    private static final Logger LOG = Logger.getLogger(ServerSuspension.class.getName());
    private static final String WILDFLY_ACTIVITY = "org.jboss.as.server.suspend.SuspendableActivity";
    /** Read by WildFly when SIGTERM comes; its default, 0, would not wait for the drain at all. */
    private static final String SIGTERM_SUSPEND_TIMEOUT = "org.wildfly.sigterm.suspend.timeout";

    private Drain drain;
    /** Not the activity itself: a field of a WildFly type would not load where WildFly's classes are missing. */
    private Runnable unregister;
    private boolean setSigtermTimeout;

    protected ServerSuspension() {
        // for CDI proxies
    }

    @Inject
    public ServerSuspension(Drain drain) {
        this.drain = drain;
    }

    void register(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (!onWildFly()) {
            LOG.info("No WildFly suspend controller here: suspending the server does not drain this node");
            return;
        }
        try {
            unregister = WildFlySuspendActivity.register(drain);
            String sigtermSeconds = System.getProperty(SIGTERM_SUSPEND_TIMEOUT);
            if (sigtermSeconds == null) {
                // Bounded by the drain's own length: waiting without a bound (-1) would also wait for any
                // request that never ends.
                sigtermSeconds = Long.toString(drain.longest().toSeconds());
                System.setProperty(SIGTERM_SUSPEND_TIMEOUT, sigtermSeconds);
                setSigtermTimeout = true;
            }
            String seconds = sigtermSeconds;
            LOG.info(() -> "Suspending the server, or SIGTERM (for up to " + seconds + " s), drains this node:"
                    + " live streams go on, new publishes are refused");
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "Cannot join WildFly's suspend: suspending the server will not drain this node", e);
        }
    }

    @PreDestroy
    void unregister() {
        if (unregister != null) {
            unregister.run();
        }
        if (setSigtermTimeout) {
            System.clearProperty(SIGTERM_SUSPEND_TIMEOUT);
        }
    }

    /** Checked by name: on Payara, touching the activity's class would fail to load it. */
    private boolean onWildFly() {
        try {
            Class.forName(WILDFLY_ACTIVITY, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
