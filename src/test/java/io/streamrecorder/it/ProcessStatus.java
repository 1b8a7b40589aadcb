package io.streamrecorder.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's thread count and resident memory, from /proc/<pid>/status as the kernel counts them. */
record ProcessStatus(int threads, long rssKib) {

    /**
     * After a full collection in the JVM {@code pid}, so that what the heap grew for a load and G1
     * gives back (it shrinks the heap after a full GC) does not count as kept.
     */
    static ProcessStatus afterGc(long pid) throws IOException, InterruptedException {
        Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), "GC.run").redirectErrorStream(true).start();
        String output = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (jcmd.waitFor() != 0) {
            throw new IllegalStateException("jcmd GC.run failed: " + output);
        }
        return of(pid);
    }

    static ProcessStatus of(long pid) throws IOException {
        int threads = -1;
        long rss = -1;
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("Threads:")) {
                threads = Integer.parseInt(line.substring("Threads:".length()).strip());
            } else if (line.startsWith("VmRSS:")) {
                rss = Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").strip());
            }
        }
        return new ProcessStatus(threads, rss);
    }
}
