package io.bonafide.worker.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.ToLongFunction;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Per assigned partition, the offsets handed to processing and not yet finished, so that a
 * commit never passes an unfinished record: the committable offset of a partition is its lowest
 * unfinished offset, or the consumer's position when nothing is unfinished (which also covers
 * records that were dead-lettered instead of processed). Owned by the poll thread; completions
 * from processing threads reach it through {@link #finished(Ticket)} calls made on that thread.
 */
public final class OffsetTracker {
    private final Map<TopicPartition, Partition> partitions = new HashMap<>();

    /** One partition's bookkeeping for one assignment; a ticket of an older assignment is ignored. */
    private static final class Partition {
        final TreeSet<Long> unfinished = new TreeSet<>();
        long committed = -1;
    }

    /** Handed out when a record starts processing; given back when it finished. */
    public record Ticket(TopicPartition partition, long offset, Object assignment) {
    }

    /** Records {@code offset} of {@code partition} as handed to processing. */
    public Ticket started(TopicPartition partition, long offset) {
        Partition p = partitions.computeIfAbsent(partition, tp -> new Partition());
        p.unfinished.add(offset);
        return new Ticket(partition, offset, p);
    }

    /** Records a ticket's record as finished; answers false for a ticket of a partition no longer held. */
    public boolean finished(Ticket ticket) {
        Partition p = partitions.get(ticket.partition());
        if (p == null || p != ticket.assignment()) {
            return false;
        }
        p.unfinished.remove(ticket.offset());
        return true;
    }

    /** Unfinished tasks of these partitions. */
    public int inFlight(Collection<TopicPartition> of) {
        return of.stream().map(partitions::get).filter(java.util.Objects::nonNull)
                .mapToInt(p -> p.unfinished.size()).sum();
    }

    /**
     * The offsets that may be committed now and differ from the last commit, for the given
     * partitions. {@code position} answers the consumer's next fetch position of a partition.
     */
    public Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> of,
                                                              ToLongFunction<TopicPartition> position) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : of) {
            Partition p = partitions.get(partition);
            if (p == null) {
                continue;
            }
            long safe = p.unfinished.isEmpty() ? position.applyAsLong(partition) : p.unfinished.first();
            if (safe > p.committed) {
                offsets.put(partition, new OffsetAndMetadata(safe));
            }
        }
        return offsets;
    }

    /** Records a successful commit. */
    public void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> {
            Partition p = partitions.get(partition);
            if (p != null) {
                p.committed = Math.max(p.committed, offset.offset());
            }
        });
    }

    /** Partitions held. */
    public Collection<TopicPartition> held() {
        return partitions.keySet();
    }

    /** Starts tracking a newly assigned partition. */
    public void assigned(TopicPartition partition) {
        partitions.computeIfAbsent(partition, tp -> new Partition());
    }

    /** Stops tracking partitions that were revoked or lost; their unfinished work no longer counts. */
    public void forget(Collection<TopicPartition> gone) {
        gone.forEach(partitions::remove);
    }
}
