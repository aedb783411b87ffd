package io.bonafide.worker.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {
    private static final TopicPartition P0 = new TopicPartition("requests", 0);
    private static final TopicPartition P1 = new TopicPartition("requests", 1);

    @Test
    void shouldCommitOnlyBelowTheLowestUnfinishedOffset() {
        // Given offsets 10, 11 and 12 started, and 11 and 12 finished first
        OffsetTracker tracker = new OffsetTracker();
        OffsetTracker.Ticket t10 = tracker.started(P0, 10);
        OffsetTracker.Ticket t11 = tracker.started(P0, 11);
        OffsetTracker.Ticket t12 = tracker.started(P0, 12);
        tracker.finished(t11);
        tracker.finished(t12);

        // Then the commit stops at 10, the unfinished one
        assertThat(tracker.committable(List.of(P0), p -> 13)).containsEntry(P0, new OffsetAndMetadata(10));

        // When 10 finishes too, the commit reaches the position
        tracker.finished(t10);
        assertThat(tracker.committable(List.of(P0), p -> 13)).containsEntry(P0, new OffsetAndMetadata(13));
    }

    @Test
    void shouldNotOfferTheSameCommitTwice() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.assigned(P0);
        Map<TopicPartition, OffsetAndMetadata> first = tracker.committable(List.of(P0), p -> 5);
        tracker.committed(first);

        assertThat(tracker.committable(List.of(P0), p -> 5)).isEmpty();
        assertThat(tracker.committable(List.of(P0), p -> 6)).containsEntry(P0, new OffsetAndMetadata(6));
    }

    @Test
    void shouldIgnoreCompletionsOfAPartitionThatWasRevokedAndAssignedAgain() {
        // Given a record started under one assignment of P1
        OffsetTracker tracker = new OffsetTracker();
        OffsetTracker.Ticket old = tracker.started(P1, 7);

        // When P1 is revoked and assigned again, and offset 7 is started again by the new assignment
        tracker.forget(List.of(P1));
        tracker.assigned(P1);
        tracker.started(P1, 7);

        // Then the old assignment's completion does not unlock the commit
        assertThat(tracker.finished(old)).isFalse();
        assertThat(tracker.committable(List.of(P1), p -> 8)).containsEntry(P1, new OffsetAndMetadata(7));
        assertThat(tracker.inFlight(List.of(P1))).isEqualTo(1);
    }

    @Test
    void shouldOfferNothingForPartitionsItDoesNotHold() {
        OffsetTracker tracker = new OffsetTracker();
        tracker.started(P0, 1);
        tracker.forget(List.of(P0));

        assertThat(tracker.committable(List.of(P0, P1), p -> 100)).isEmpty();
        assertThat(tracker.held()).isEmpty();
    }
}
