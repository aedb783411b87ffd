package io.bonafide.detection.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * An immutable set of scored evaluation trials: per trial an id, whether it is genuine or an
 * attack, the detector's score (a calibrated log-likelihood ratio, higher is more genuine) and
 * optional attributes such as the generator or the speaker that the per-attribute breakdown
 * groups by. Every metric in this package reads its input from here, so ids are checked for
 * uniqueness and scores for finiteness once, on construction.
 */
public final class LabelledScores {

    /** The ground truth of a trial; the ASVspoof names are kept for protocol files. */
    public enum Label {
        GENUINE("bonafide"),
        ATTACK("spoof");

        private final String asvspoofName;

        Label(String asvspoofName) {
            this.asvspoofName = asvspoofName;
        }

        /** The name ASVspoof protocols use: {@code bonafide} or {@code spoof}. */
        public String asvspoofName() {
            return asvspoofName;
        }

        /** The label for an ASVspoof protocol name, if it is one (case-insensitive). */
        public static Optional<Label> fromAsvspoofName(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            for (Label label : values()) {
                if (label.asvspoofName.equals(lower)) {
                    return Optional.of(label);
                }
            }
            return Optional.empty();
        }
    }

    /** One scored trial. Attributes are copied, so callers may reuse their map. */
    public record Trial(String id, Label label, double score, Map<String, String> attributes) {
        public Trial {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("score of trial " + id + " must be finite, was " + score);
            }
            attributes = Map.copyOf(attributes);
        }

        public Trial(String id, Label label, double score) {
            this(id, label, score, Map.of());
        }

        /** The value of an attribute, if the trial carries it. */
        public Optional<String> attribute(String key) {
            return Optional.ofNullable(attributes.get(key));
        }
    }

    private final List<Trial> trials;
    private final double[] genuine;
    private final double[] attack;

    private LabelledScores(List<Trial> trials) {
        this.trials = List.copyOf(trials);
        Set<String> seen = new HashSet<>();
        int genuineCount = 0;
        for (Trial trial : this.trials) {
            if (!seen.add(trial.id())) {
                throw new IllegalArgumentException("trial id " + trial.id() + " occurs more than once");
            }
            if (trial.label() == Label.GENUINE) {
                genuineCount++;
            }
        }
        this.genuine = new double[genuineCount];
        this.attack = new double[this.trials.size() - genuineCount];
        int g = 0;
        int a = 0;
        for (Trial trial : this.trials) {
            if (trial.label() == Label.GENUINE) {
                genuine[g++] = trial.score();
            } else {
                attack[a++] = trial.score();
            }
        }
    }

    /** Scores of the given trials, in their order; ids must be unique. */
    public static LabelledScores of(List<Trial> trials) {
        return new LabelledScores(trials);
    }

    /** Convenience for tests and synthetic data: ids are {@code g<i>} and {@code a<i>}. */
    public static LabelledScores of(double[] genuineScores, double[] attackScores) {
        List<Trial> trials = new ArrayList<>(genuineScores.length + attackScores.length);
        for (int i = 0; i < genuineScores.length; i++) {
            trials.add(new Trial("g" + i, Label.GENUINE, genuineScores[i]));
        }
        for (int i = 0; i < attackScores.length; i++) {
            trials.add(new Trial("a" + i, Label.ATTACK, attackScores[i]));
        }
        return new LabelledScores(trials);
    }

    public List<Trial> trials() {
        return trials;
    }

    public int size() {
        return trials.size();
    }

    public int genuineCount() {
        return genuine.length;
    }

    public int attackCount() {
        return attack.length;
    }

    /** A copy of the genuine trials' scores. */
    public double[] genuineScores() {
        return genuine.clone();
    }

    /** A copy of the attack trials' scores. */
    public double[] attackScores() {
        return attack.clone();
    }

    /** The trials that satisfy the predicate, as a new set. */
    public LabelledScores filter(Predicate<Trial> keep) {
        return new LabelledScores(trials.stream().filter(keep).toList());
    }

    /** The distinct values an attribute takes over all trials, sorted. */
    public Set<String> attributeValues(String key) {
        Set<String> values = new TreeSet<>();
        for (Trial trial : trials) {
            trial.attribute(key).ifPresent(values::add);
        }
        return Collections.unmodifiableSet(values);
    }

    /** Fails with a message naming the metric when either class is empty. */
    void requireBothClasses(String metric) {
        if (genuine.length == 0 || attack.length == 0) {
            throw new IllegalArgumentException(metric + " needs genuine and attack trials, got "
                    + genuine.length + " genuine and " + attack.length + " attack");
        }
    }
}
