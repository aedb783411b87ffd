package io.bonafide.worker;

/** Reads one sample from Prometheus text: the line whose name (with labels, if given) matches exactly. */
final class Metrics {
    private Metrics() {
    }

    static double value(String prometheusText, String series) {
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            if (space > 0 && line.substring(0, space).equals(series)) {
                return Double.parseDouble(line.substring(space + 1));
            }
        }
        return Double.NaN;
    }
}
