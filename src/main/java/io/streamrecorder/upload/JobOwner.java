package io.streamrecorder.upload;

import java.util.Optional;
import java.util.Properties;

/**
 * Which node an upload job belongs to: the one whose records directory holds its file. Nodes that
 * share a job repository see each other's jobs; only the owner may restart one, as only it can
 * read the file.
 */
public final class JobOwner {

    /** The job parameter naming the owning node. */
    public static final String PARAMETER = "node";

    private JobOwner() {
    }

    /** The owning node, or empty for a job queued before nodes were named. */
    public static Optional<String> of(Properties parameters) {
        return Optional.ofNullable(parameters).map(p -> p.getProperty(PARAMETER)).filter(name -> !name.isEmpty());
    }

    /**
     * Whether {@code node} owns the job. A job without an owner was queued by a single node before
     * nodes were named, so whichever node looks at it is taken to be that node.
     */
    public static boolean isOwnedBy(Properties parameters, String node) {
        return of(parameters).map(node::equals).orElse(true);
    }
}
