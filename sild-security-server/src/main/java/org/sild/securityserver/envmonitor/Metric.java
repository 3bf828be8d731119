package org.sild.securityserver.envmonitor;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** One metric of a {@code getSecurityServerMetrics} answer (monitoring.xsd's metric types). Immutable. */
sealed interface Metric {

    /** The metric's {@code name} element. */
    String name();

    /** A {@code numericMetric}: an {@code xs:decimal} value. */
    record Numeric(String name, BigDecimal value) implements Metric {
        public Numeric {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }

        public Numeric(String name, long value) {
            this(name, BigDecimal.valueOf(value));
        }
    }

    /** A {@code stringMetric}. */
    record Text(String name, String value) implements Metric {
        public Text {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
        }
    }

    /** A {@code histogramMetric}: figures of the sampled values, last updated at {@code updated}. */
    record Histogram(String name, Instant updated, long min, long max, double mean, double median, double stddev)
            implements Metric {
        public Histogram {
            Objects.requireNonNull(name);
            Objects.requireNonNull(updated);
        }
    }

    /** A {@code metricSet}: named metrics in order. */
    record Set(String name, List<Metric> metrics) implements Metric {
        public Set {
            Objects.requireNonNull(name);
            metrics = List.copyOf(metrics);
        }
    }
}
