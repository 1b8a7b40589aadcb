package io.streamrecorder.it;

import java.util.List;

/** Start→PUBLISHING as the benchmarks time it: in the page's own clock, summed up as percentiles. */
final class StartTimes {

    /** Clicks Start and times the status until it says PUBLISHING; -1 when it says FAILED. */
    private static final String TIMED_START = "const done = arguments[arguments.length - 1];"
            + "const status = document.getElementById('status');"
            + "const started = performance.now();"
            + "const watch = new MutationObserver(() => {"
            + "  if (status.textContent === 'PUBLISHING' || status.textContent === 'FAILED') {"
            + "    watch.disconnect(); done(status.textContent === 'PUBLISHING' ? performance.now() - started : -1);"
            + "  }"
            + "});"
            + "watch.observe(status, {childList: true, characterData: true, subtree: true});"
            + "document.getElementById('startButton').click();";

    private StartTimes() {
    }

    /** Milliseconds from Start to PUBLISHING on the open recording page, or -1 when the publish failed. */
    static double timeStart(Browser browser) {
        return ((Number) browser.driver().executeAsyncScript(TIMED_START)).doubleValue();
    }

    /** One line: p50, p95, min and max of {@code sorted} (milliseconds), and how many of {@code runs} failed. */
    static String summary(String how, List<Double> sorted, int failures, int runs) {
        return sorted.isEmpty() ? String.format("  %-50s all %d failed", how, runs)
                : String.format("  %-50s p50 %5.0f ms  p95 %5.0f ms  min %5.0f  max %5.0f  (%d of %d failed)", how,
                        percentile(sorted, 50), percentile(sorted, 95), sorted.get(0), sorted.get(sorted.size() - 1),
                        failures, runs);
    }

    private static double percentile(List<Double> sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
